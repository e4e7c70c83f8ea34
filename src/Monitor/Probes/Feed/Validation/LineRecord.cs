namespace Monitor.Probes.Feed.Validation;

/// <summary>A parent reference found on a line: the parent's type, the property that named it, and its id hash.</summary>
internal readonly record struct EntityRef(EntityType Target, string? Property, ulong Hash)
{
    public bool IsSet => Target != EntityType.Unknown;
}

/// <summary>
/// One problem on a line: its code and where. <paramref name="Property"/> is the schema's name of the
/// property (static, so recording it does not allocate); an unknown property's name is instead
/// located in the line (<paramref name="NameStart"/>, <paramref name="NameLength"/>) and read only
/// when the problem is sampled. <paramref name="Sub"/> continues the path inside the value.
/// </summary>
internal readonly record struct FeedIssue(FeedError Code, string? Property, string? Sub = null, int NameStart = 0, int NameLength = 0);

/// <summary>What one line contributed; workers fill these, the tally merges them in line order.</summary>
internal struct LineRecord
{
    /// <summary>Line number within its block, from 1.</summary>
    public int Line;

    /// <summary>Where the line starts in its block.</summary>
    public int Offset;

    /// <summary>Length of the line in bytes, for the per-tree size limit.</summary>
    public int Bytes;
    public EntityType Type;

    /// <summary>The first error found; <see cref="FeedError.None"/> for a valid entity (warnings aside).</summary>
    public FeedError Error;

    /// <summary>Every error and warning code found on the line, one bit each.</summary>
    public ulong Codes;

    /// <summary>This line's problems in <see cref="BlockResult.Issues"/>.</summary>
    public int IssueStart;
    public int IssueCount;

    /// <summary>Where the raw <c>@id</c> value sits in the line, for samples.</summary>
    public int IdStart;
    public int IdLength;
    public bool HasId;
    public bool HasDateModified;
    public bool Stale;
    public ulong IdHash;
    public EntityRef Ref1;
    public EntityRef Ref2;

    /// <summary>A Service's <c>serviceType</c>, as its index among the allowed values plus one; 0 when not known.</summary>
    public byte ServiceType;

    /// <summary>References beyond the first two (a list of ids, or a third reference property) in <see cref="BlockResult.ExtraRefs"/>.</summary>
    public int ExtraRefStart;
    public int ExtraRefCount;
}
