namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// What each entity type must carry and which of its properties point at a parent.
/// Drawn from Google's relational inventory schema; children point up to their parents,
/// which is what the end-of-run reference check follows.
/// </summary>
internal static class EntityRules
{
    /// <summary>One required property, or a choice of properties of which one must be present.</summary>
    internal readonly record struct Requirement(uint AnyOf, FeedField Reported);

    /// <summary>A property of a type that names the <c>@id</c> of a parent of another type.</summary>
    internal readonly record struct ParentLink(FeedField Field, EntityType Target);

    private static readonly Requirement[][] Required = BuildRequired();
    private static readonly ParentLink[][] Parents = BuildParents();

    public static ReadOnlySpan<Requirement> RequiredFor(EntityType type) => Required[(int)type];

    public static ReadOnlySpan<ParentLink> ParentsOf(EntityType type) => Parents[(int)type];

    private static Requirement One(FeedField f) => new(FeedFields.Bit(f), f);

    private static Requirement Either(FeedField a, FeedField b) => new(FeedFields.Bit(a) | FeedFields.Bit(b), a);

    private static Requirement[][] BuildRequired()
    {
        var r = new Requirement[EntityTypes.Count][];
        Array.Fill(r, []);
        r[(int)EntityType.Restaurant] =
        [
            One(FeedField.Name), Either(FeedField.StreetAddress, FeedField.Address),
            One(FeedField.Latitude), One(FeedField.Longitude),
        ];
        r[(int)EntityType.Service] = [One(FeedField.ServiceType), One(FeedField.RestaurantId)];
        r[(int)EntityType.ServiceArea] = [One(FeedField.ServiceId)];
        r[(int)EntityType.ServiceHours] = [One(FeedField.ServiceId)];
        r[(int)EntityType.Fee] = [One(FeedField.ServiceId), One(FeedField.PriceCurrency)];
        r[(int)EntityType.MenuSection] = [One(FeedField.Name)];
        r[(int)EntityType.MenuItem] = [One(FeedField.Name)];
        r[(int)EntityType.MenuItemOffer] =
        [
            Either(FeedField.MenuItemId, FeedField.MenuItemOptionId), One(FeedField.Price), One(FeedField.PriceCurrency),
        ];
        r[(int)EntityType.MenuItemOption] = [One(FeedField.MenuItemId)];
        return r;
    }

    private static ParentLink[][] BuildParents()
    {
        var p = new ParentLink[EntityTypes.Count][];
        Array.Fill(p, []);
        p[(int)EntityType.Service] =
        [
            new(FeedField.RestaurantId, EntityType.Restaurant), new(FeedField.MenuId, EntityType.Menu),
        ];
        p[(int)EntityType.Menu] = [new(FeedField.RestaurantId, EntityType.Restaurant)];
        p[(int)EntityType.OperationHours] = [new(FeedField.RestaurantId, EntityType.Restaurant)];
        p[(int)EntityType.ServiceArea] = [new(FeedField.ServiceId, EntityType.Service)];
        p[(int)EntityType.ServiceHours] = [new(FeedField.ServiceId, EntityType.Service)];
        p[(int)EntityType.Fee] = [new(FeedField.ServiceId, EntityType.Service)];
        p[(int)EntityType.MenuSection] = [new(FeedField.MenuId, EntityType.Menu)];
        p[(int)EntityType.MenuItem] = [new(FeedField.ParentMenuSectionId, EntityType.MenuSection)];
        p[(int)EntityType.MenuItemOffer] = [new(FeedField.MenuItemId, EntityType.MenuItem)];
        p[(int)EntityType.MenuItemOption] = [new(FeedField.MenuItemId, EntityType.MenuItem)];
        return p;
    }
}
