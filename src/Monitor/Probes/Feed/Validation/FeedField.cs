namespace Monitor.Probes.Feed.Validation;

/// <summary>The top-level properties the validator looks at; everything else is <see cref="Other"/> and only checked for nulls.</summary>
internal enum FeedField : byte
{
    None = 0,
    Other,
    Type,
    Id,
    Name,
    StreetAddress,
    Address,
    Latitude,
    Longitude,
    DateModified,
    ValidFrom,
    ValidThrough,
    Price,
    PriceCurrency,
    ServiceType,
    RestaurantId,
    ServiceId,
    MenuId,
    MenuItemId,
    MenuItemOptionId,
    ParentMenuSectionId,
}

internal static class FeedFields
{
    private static readonly string[] Names =
    [
        "", "", "@type", "@id", "name", "streetAddress", "address", "latitude", "longitude", "dateModified",
        "validFrom", "validThrough", "price", "priceCurrency", "serviceType", "restaurantId", "serviceId",
        "menuId", "menuItemId", "menuItemOptionId", "parentMenuSectionId",
    ];

    public static string Name(FeedField field) => Names[(int)field];

    public static uint Bit(FeedField field) => 1u << (int)field;

    /// <summary>Identifies an unescaped property name without allocating.</summary>
    public static FeedField Identify(ReadOnlySpan<byte> name) => name.Length switch
    {
        3 when name.SequenceEqual("@id"u8) => FeedField.Id,
        4 when name.SequenceEqual("name"u8) => FeedField.Name,
        5 when name.SequenceEqual("@type"u8) => FeedField.Type,
        5 when name.SequenceEqual("price"u8) => FeedField.Price,
        6 when name.SequenceEqual("menuId"u8) => FeedField.MenuId,
        7 when name.SequenceEqual("address"u8) => FeedField.Address,
        8 when name.SequenceEqual("latitude"u8) => FeedField.Latitude,
        9 when name.SequenceEqual("longitude"u8) => FeedField.Longitude,
        9 when name.SequenceEqual("serviceId"u8) => FeedField.ServiceId,
        9 when name.SequenceEqual("validFrom"u8) => FeedField.ValidFrom,
        10 when name.SequenceEqual("menuItemId"u8) => FeedField.MenuItemId,
        11 when name.SequenceEqual("serviceType"u8) => FeedField.ServiceType,
        12 when name.SequenceEqual("restaurantId"u8) => FeedField.RestaurantId,
        12 when name.SequenceEqual("dateModified"u8) => FeedField.DateModified,
        12 when name.SequenceEqual("validThrough"u8) => FeedField.ValidThrough,
        13 when name.SequenceEqual("streetAddress"u8) => FeedField.StreetAddress,
        13 when name.SequenceEqual("priceCurrency"u8) => FeedField.PriceCurrency,
        16 when name.SequenceEqual("menuItemOptionId"u8) => FeedField.MenuItemOptionId,
        19 when name.SequenceEqual("parentMenuSectionId"u8) => FeedField.ParentMenuSectionId,
        _ => FeedField.Other,
    };
}
