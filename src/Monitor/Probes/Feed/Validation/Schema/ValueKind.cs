namespace Monitor.Probes.Feed.Validation.Schema;

/// <summary>The value types of the relational inventory schema, each checked under Google's coercion rules.</summary>
internal enum ValueKind : byte
{
    /// <summary>A string; an integer is coerced to its digits.</summary>
    Text,

    /// <summary>A string that must not be empty (names, addresses).</summary>
    NonEmptyText,

    /// <summary>An integer; a string of an integer is coerced.</summary>
    Integer,

    /// <summary>A number; a numeric string is coerced.</summary>
    Number,
    Boolean,

    /// <summary>ISO 8601 date and time with an offset: <c>2017-05-01T06:30:00+05:30</c>.</summary>
    DateTime,

    /// <summary>A local time, offset optional: <c>T08:08:00</c>, <c>T08:08:00+05:30</c>.</summary>
    Time,

    /// <summary>An ISO 8601 duration such as <c>PT15M</c>.</summary>
    Duration,

    /// <summary>An ISO 4217 currency code.</summary>
    Currency,

    /// <summary>An ISO 3166-1 alpha-2 country code.</summary>
    Country,

    /// <summary><c>+[country code][number]</c>, spaces, dots, dashes and brackets allowed between digits.</summary>
    Telephone,

    /// <summary>An absolute http or https URL.</summary>
    Url,

    /// <summary>One of <see cref="PropertyRule.Values"/>.</summary>
    Enum,

    /// <summary>The <c>@id</c> of another entity: a string, an integer, or an object with an <c>@id</c>.</summary>
    Reference,

    /// <summary>A nested object, checked for nulls at any depth.</summary>
    Object,

    /// <summary>Space-separated latitude longitude pairs, at least three points.</summary>
    Polygon,
}
