namespace Monitor.Probes.Feed.Validation;

/// <summary>Why an entity is invalid; one reason per entity, the first found.</summary>
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
}

internal static class FeedErrors
{
    public const int Count = (int)FeedError.TreeTooLarge + 1;

    // Snake case names are what reports, metrics and sample errors show.
    private static readonly string[] Names =
    [
        "none", "parse_error", "not_an_object", "missing_type", "unknown_type", "missing_id", "bad_id",
        "id_too_long", "duplicate_id", "missing_field", "null_value", "bad_datetime", "bad_price",
        "bad_currency", "bad_coordinates", "bad_value", "entity_too_large", "missing_reference", "tree_too_large",
    ];

    public static string Name(FeedError error) => Names[(int)error];
}
