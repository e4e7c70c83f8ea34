namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// The stable codes of feed problems. The first nineteen keep the names earlier versions reported;
/// new codes are only ever added at the end, so the numbers stay put too.
/// </summary>
internal enum FeedError : byte
{
    None = 0,
    ParseError,
    NotAnObject,
    MissingType,
    UnknownType,
    MissingId,
    BadId,
    IdTooLong,
    DuplicateId,
    MissingField,
    NullValue,
    BadDateTime,
    BadPrice,
    BadCurrency,
    BadCoordinates,
    BadValue,
    EntityTooLarge,
    MissingReference,
    TreeTooLarge,
    BadUtf8,
    WrongType,
    BadEnum,
    BadTime,
    BadDuration,
    BadCountry,
    BadTelephone,
    BadUrl,
    OutOfRange,
    BadPolygon,
    ConflictingFields,
    BadRange,
    UnknownProperty,
    DuplicateService,
}

internal static class FeedErrors
{
    public const int Count = (int)FeedError.DuplicateService + 1;

    // Snake case names are what reports, metrics and sample errors show.
    private static readonly string[] Names =
    [
        "none", "parse_error", "not_an_object", "missing_type", "unknown_type", "missing_id", "bad_id",
        "id_too_long", "duplicate_id", "missing_field", "null_value", "bad_datetime", "bad_price",
        "bad_currency", "bad_coordinates", "bad_value", "entity_too_large", "missing_reference", "tree_too_large",
        "bad_utf8", "wrong_type", "bad_enum", "bad_time", "bad_duration", "bad_country", "bad_telephone", "bad_url",
        "out_of_range", "bad_polygon", "conflicting_fields", "bad_range", "unknown_property", "duplicate_service",
    ];

    private static readonly string[] Descriptions =
    [
        "", "the line is not valid JSON", "the line is not a JSON object", "the entity has no @type",
        "@type is not a type of the relational inventory schema", "the entity has no @id",
        "@id is empty or not a string", "@id is longer than 300 characters", "@id is used twice within its type",
        "a required property is missing", "null is not a value: leave optional properties out",
        "not an ISO 8601 date-time with an offset (2017-05-01T06:30:00+05:30)", "a price must be a number of at least 0",
        "not an ISO 4217 currency code (USD, EUR)", "latitude must be in [-90, 90] and longitude in [-180, 180]",
        "an empty or unusable value", "the line is longer than 4 MB", "names an entity that is not in the feed",
        "the top-level entity with its children is larger than 4 MB", "the line is not valid UTF-8",
        "the value's JSON type cannot be coerced to the property's type", "not one of the values the schema allows",
        "not a Time (T08:08:00 or T08:08:00+05:30)", "not an ISO 8601 duration (PT15M)",
        "not an ISO 3166-1 alpha-2 country code (US, DE)", "not a telephone number in +[country code][number] form",
        "not an absolute http or https URL", "the number is out of the range the schema allows",
        "not a polygon of at least three latitude longitude points", "properties that exclude each other are both present",
        "a start or minimum comes after its end or maximum", "the schema has no such property for this type (a warning)",
        "the restaurant already has a Service of this serviceType: at most one TAKEOUT and one DELIVERY each",
    ];

    public static string Name(FeedError error) => Names[(int)error];

    /// <summary>What the code means, in words a partner can act on.</summary>
    public static string Describe(FeedError error) => Descriptions[(int)error];

    /// <summary>Warnings are reported and counted but leave the entity valid.</summary>
    public static bool IsWarning(FeedError error) => error == FeedError.UnknownProperty;

    public static ulong Bit(FeedError error) => 1UL << (int)error;
}
