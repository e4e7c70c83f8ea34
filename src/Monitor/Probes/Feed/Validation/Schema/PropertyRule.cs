namespace Monitor.Probes.Feed.Validation.Schema;

/// <summary>One property of one entity type, as Google's schema table gives it.</summary>
internal sealed record PropertyRule
{
    public PropertyRule(string name, ValueKind kind)
    {
        Name = name;
        Utf8 = System.Text.Encoding.UTF8.GetBytes(name);
        Kind = kind;
    }

    public string Name { get; }

    public byte[] Utf8 { get; }

    public ValueKind Kind { get; }

    public bool Required { get; init; }

    /// <summary>A list in the schema; a single value is coerced to a list of one.</summary>
    public bool Repeated { get; init; }

    /// <summary>The allowed values of an <see cref="ValueKind.Enum"/>.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>Smallest number allowed, if any.</summary>
    public double? Min { get; init; }

    /// <summary>Largest number allowed, if any.</summary>
    public double? Max { get; init; }

    /// <summary>The code a number out of <see cref="Min"/>..<see cref="Max"/> gets; <see cref="FeedError.OutOfRange"/> unless set.</summary>
    public FeedError RangeCode { get; init; } = FeedError.OutOfRange;

    /// <summary>For a <see cref="ValueKind.Reference"/>: the type it names, checked at the end of the run.</summary>
    public EntityType Target { get; init; }

    /// <summary>What the scanner does with the property beyond checking its value.</summary>
    public PropertyRole Role { get; init; }

    /// <summary>Index of this rule in its type's table, set when the table is built.</summary>
    public int Index { get; internal set; }

    /// <summary>Enum values as UTF-8, for matching without allocation.</summary>
    internal byte[][] ValueBytes { get; private set; } = [];

    internal void Freeze(int index)
    {
        Index = index;
        ValueBytes = [.. Values.Select(System.Text.Encoding.UTF8.GetBytes)];
    }
}

/// <summary>The properties every type has, which the scanner treats apart.</summary>
internal enum PropertyRole : byte
{
    None,
    Type,
    Id,
    DateModified,

    /// <summary>A Service's <c>serviceType</c>: kept on the line's record, for the one-service-per-type rule.</summary>
    ServiceType,
}
