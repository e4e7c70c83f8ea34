namespace Monitor.Probes.Feed.Validation.Schema;

/// <summary>How a cross-field rule combines the properties it names.</summary>
internal enum CrossKind : byte
{
    /// <summary>Exactly one of the groups is present (a group is present when any of its properties is).</summary>
    ExactlyOne,

    /// <summary>At most one of the groups is present.</summary>
    AtMostOne,

    /// <summary>At least one of the properties is present.</summary>
    AnyOf,

    /// <summary>When any property of the first set is present, every property of the second is too.</summary>
    IfAnyThenAll,

    /// <summary>When no property of the first set is present, every property of the second is.</summary>
    IfNoneThenAll,

    /// <summary>The first value is at most the second (numbers, date-times); strictly less when <see cref="CrossRule.Strict"/>.</summary>
    Ordered,
}

/// <summary>A rule across properties of one entity, such as "a ServiceArea has exactly one shape".</summary>
internal sealed record CrossRule(CrossKind Kind, FeedError Code, string[][] Groups, bool Strict = false)
{
    /// <summary>Property names of the groups, resolved to bit masks of the type's table when it is built.</summary>
    internal ulong[] Masks { get; set; } = [];

    /// <summary>For <see cref="CrossKind.Ordered"/>: the table indexes of the two properties.</summary>
    internal int First { get; set; }

    internal int Second { get; set; }

    /// <summary>The property an error is reported on: the first named.</summary>
    internal string Reported { get; set; } = "";

    public static CrossRule ExactlyOne(params string[][] groups) => new(CrossKind.ExactlyOne, FeedError.ConflictingFields, groups);

    public static CrossRule AtMostOne(params string[] names) => new(CrossKind.AtMostOne, FeedError.ConflictingFields, [.. names.Select(n => new[] { n })]);

    public static CrossRule AnyOf(params string[] names) => new(CrossKind.AnyOf, FeedError.MissingField, [names]);

    public static CrossRule IfAnyThenAll(string[] any, string[] all) => new(CrossKind.IfAnyThenAll, FeedError.MissingField, [any, all]);

    public static CrossRule IfNoneThenAll(string[] none, string[] all) => new(CrossKind.IfNoneThenAll, FeedError.MissingField, [none, all]);

    public static CrossRule Ordered(string low, string high, bool strict = false) => new(CrossKind.Ordered, FeedError.BadRange, [[low], [high]], strict);
}
