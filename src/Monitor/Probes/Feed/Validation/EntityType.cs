namespace Monitor.Probes.Feed.Validation;

/// <summary>The entity types of the relational inventory schema; <see cref="Unknown"/> for lines whose type cannot be told.</summary>
internal enum EntityType : byte
{
    Unknown = 0,
    Restaurant,
    Service,
    Menu,
    ServiceArea,
    ServiceHours,
    OperationHours,
    Fee,
    MenuSection,
    MenuItem,
    MenuItemOffer,
    MenuItemOption,
    PackageItem,

    /// <summary>Times and days an offer holds; added after the others so stored type numbers keep their meaning.</summary>
    Availability,
}

internal static class EntityTypes
{
    /// <summary>Number of enum values, <see cref="EntityType.Unknown"/> included; sizes per-type arrays.</summary>
    public const int Count = (int)EntityType.Availability + 1;

    private static readonly string[] Names = Enum.GetNames<EntityType>();

    public static string Name(EntityType type) => Names[(int)type];

    /// <summary>Matches an unescaped <c>@type</c> value without allocating.</summary>
    public static EntityType Parse(ReadOnlySpan<byte> value) => value.Length switch
    {
        3 when value.SequenceEqual("Fee"u8) => EntityType.Fee,
        4 when value.SequenceEqual("Menu"u8) => EntityType.Menu,
        7 when value.SequenceEqual("Service"u8) => EntityType.Service,
        8 when value.SequenceEqual("MenuItem"u8) => EntityType.MenuItem,
        10 when value.SequenceEqual("Restaurant"u8) => EntityType.Restaurant,
        11 when value.SequenceEqual("ServiceArea"u8) => EntityType.ServiceArea,
        11 when value.SequenceEqual("MenuSection"u8) => EntityType.MenuSection,
        11 when value.SequenceEqual("PackageItem"u8) => EntityType.PackageItem,
        12 when value.SequenceEqual("ServiceHours"u8) => EntityType.ServiceHours,
        12 when value.SequenceEqual("Availability"u8) => EntityType.Availability,
        13 when value.SequenceEqual("MenuItemOffer"u8) => EntityType.MenuItemOffer,
        14 when value.SequenceEqual("OperationHours"u8) => EntityType.OperationHours,
        14 when value.SequenceEqual("MenuItemOption"u8) => EntityType.MenuItemOption,
        _ => EntityType.Unknown,
    };
}
