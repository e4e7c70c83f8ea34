namespace Monitor.Probes.Feed.Validation;

/// <summary>A parent reference found on a line: the parent's type, the property that named it, and its id hash.</summary>
internal readonly record struct EntityRef(EntityType Target, FeedField Field, ulong Hash)
{
    public bool IsSet => Target != EntityType.Unknown;
}

/// <summary>What one line contributed; workers fill these, the tally merges them in line order.</summary>
internal struct LineRecord
{
    /// <summary>Line number within its block, from 1.</summary>
    public int Line;

    /// <summary>Length of the line in bytes, for the per-tree size limit.</summary>
    public int Bytes;
    public EntityType Type;
    public FeedError Error;
    public FeedField ErrorField;

    /// <summary>For <see cref="FeedField.Other"/> errors, where the property name sits in the line, so it is read only when sampled.</summary>
    public int ErrorNameStart;
    public int ErrorNameLength;
    public bool HasId;
    public bool HasDateModified;
    public bool Stale;
    public ulong IdHash;
    public EntityRef Ref1;
    public EntityRef Ref2;
}
