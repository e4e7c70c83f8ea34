using static Monitor.Probes.Feed.Validation.Schema.ValueKind;

namespace Monitor.Probes.Feed.Validation.Schema;

/// <summary>
/// Google's relational inventory schema for Ordering End-to-End, one table per entity type, in the
/// order of the schema's reference page so a reader can check each row against it. Every type also
/// has <c>@type</c>, <c>@id</c> and <c>dateModified</c>. Properties not listed here are reported as
/// warnings (<c>unknown_property</c>), never as errors.
/// </summary>
/// <remarks>
/// The general rules (one entity a line, the coercions of strings, integers and single values for lists,
/// DateTime with an offset) are those of
/// https://developers.google.com/actions-center/verticals/ordering/e2e/reference/feeds/relational-inventory-schema
/// and https://developers.google.com/actions-center/verticals/ordering/e2e/integration-steps/build-feeds/overview.
/// Each table names the page its rows were checked against; a row no page shows is marked "not shown".
/// </remarks>
internal static class InventorySchema
{
    private static readonly string[] ServiceTypes = ["DELIVERY", "TAKEOUT"];
    private static readonly string[] Days = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];

    private static readonly EntitySchema?[] Tables = Build();

    /// <summary>The table of a type; null for <see cref="EntityType.Unknown"/>.</summary>
    public static EntitySchema? For(EntityType type) => Tables[(int)type];

    private static EntitySchema?[] Build()
    {
        var t = new EntitySchema?[EntityTypes.Count];
        // Checked against https://developers.google.com/actions-center/verticals/ordering/e2e/integration-steps/build-feeds/restaurant-entity
        // (name, url, telephone, the five address parts, latitude and longitude as quoted numbers) and
        // .../reference/feeds/implement-inventory-advanced-relational-schema ("the Restaurant's menuId property").
        // Not shown there: description, sameAs, dealId, imprint, economicOperator, and which address parts are required.
        t[(int)EntityType.Restaurant] = Table(EntityType.Restaurant,
        [
            P("name", NonEmptyText, required: true),
            P("description", Text),
            P("url", Url),
            P("sameAs", Url),
            P("telephone", Telephone),
            P("streetAddress", NonEmptyText),
            // Earlier versions of this validator took a single "address" in place of streetAddress; still accepted.
            P("address", NonEmptyText),
            P("addressLocality", NonEmptyText, required: true),
            P("addressRegion", NonEmptyText, required: true),
            P("postalCode", NonEmptyText, required: true),
            P("addressCountry", Country, required: true),
            Coordinate("latitude", 90),
            Coordinate("longitude", 180),
            P("dealId", Text, repeated: true),
            P("imprint", Text),
            P("economicOperator", Text),
            Ref("menuId", EntityType.Menu),
        ],
        [
            CrossRule.AnyOf("streetAddress", "address"),
            CrossRule.IfAnyThenAll(["latitude", "longitude"], ["latitude", "longitude"]),
        ]);

        // Checked against https://developers.google.com/actions-center/verticals/ordering/e2e/integration-steps/build-feeds/service-entity
        // (serviceType, restaurantId and menuId on every Service of its examples; the schema page's "each Service
        // entity may only have one Menu entity"). Not shown: isDisabled, servingConfig, actionLinkUrl.
        t[(int)EntityType.Service] = Table(EntityType.Service,
        [
            P("serviceType", ValueKind.Enum, required: true) with { Values = ServiceTypes, Role = PropertyRole.ServiceType },
            Ref("restaurantId", EntityType.Restaurant, required: true),
            Ref("menuId", EntityType.Menu, required: true),
            P("isDisabled", ValueKind.Boolean),
            P("servingConfig", ValueKind.Object),
            P("actionLinkUrl", Url),
        ],
        []);

        // No stored page shows a ServiceArea's properties; the rows are unchecked.
        t[(int)EntityType.ServiceArea] = Table(EntityType.ServiceArea,
        [
            Ref("serviceId", EntityType.Service, required: true, repeated: true),
            P("polygon", Polygon, repeated: true),
            Coordinate("geoMidpointLatitude", 90),
            Coordinate("geoMidpointLongitude", 180),
            P("geoRadius", Number) with { Min = 0 },
            P("postalCode", NonEmptyText),
            P("addressCountry", Country),
        ],
        [
            // One shape per area: a polygon, a circle, or a postal code in a country.
            CrossRule.ExactlyOne(["polygon"], ["geoMidpointLatitude", "geoMidpointLongitude", "geoRadius"], ["postalCode"]),
            CrossRule.IfAnyThenAll(["geoMidpointLatitude", "geoMidpointLongitude", "geoRadius"],
                ["geoMidpointLatitude", "geoMidpointLongitude", "geoRadius"]),
            CrossRule.IfAnyThenAll(["postalCode"], ["addressCountry"]),
        ]);

        // Checked against the service-entity page above: orderType "ASAP", serviceId, operationHoursId naming the
        // OperationHours it falls in, opens and closes as "11:00", dayOfWeek as a list, leadTimeMin as the string "20",
        // isSpecialHour. Not shown: ADVANCE, validFrom, validThrough, the advance-booking rows, which rows are required.
        t[(int)EntityType.ServiceHours] = Table(EntityType.ServiceHours,
        [
            P("orderType", ValueKind.Enum, required: true) with { Values = ["ASAP", "ADVANCE"] },
            Ref("serviceId", EntityType.Service, required: true, repeated: true),
            Ref("operationHoursId", EntityType.OperationHours),
            P("opens", Time),
            P("closes", Time),
            P("dayOfWeek", ValueKind.Enum, repeated: true) with { Values = Days },
            P("validFrom", ValueKind.DateTime),
            P("validThrough", ValueKind.DateTime),
            P("isSpecialHour", ValueKind.Boolean),
            P("leadTimeMin", Integer) with { Min = 0 },
            P("leadTimeMax", Integer) with { Min = 0 },
            P("advanceBookingRequirementMin", Integer) with { Min = 0 },
            P("advanceBookingRequirementMax", Integer) with { Min = 0 },
            P("advanceBookingSlotInterval", Duration),
        ],
        [
            CrossRule.Ordered("validFrom", "validThrough", strict: true),
            CrossRule.Ordered("leadTimeMin", "leadTimeMax"),
            CrossRule.Ordered("advanceBookingRequirementMin", "advanceBookingRequirementMax"),
        ]);

        // Checked against the service-entity page above (serviceId, opens "00:00", closes "23:59") and the schema
        // page, whose coercion example is this type's serviceId as "service_id" or ["service_id"].
        // Not shown: dayOfWeek, validFrom, validThrough, isSpecialHour.
        t[(int)EntityType.OperationHours] = Table(EntityType.OperationHours,
        [
            Ref("serviceId", EntityType.Service, required: true, repeated: true),
            P("opens", Time),
            P("closes", Time),
            P("dayOfWeek", ValueKind.Enum, repeated: true) with { Values = Days },
            P("validFrom", ValueKind.DateTime),
            P("validThrough", ValueKind.DateTime),
            P("isSpecialHour", ValueKind.Boolean),
        ],
        [
            CrossRule.Ordered("validFrom", "validThrough", strict: true),
        ]);

        // No stored Ordering End-to-End page shows a Fee's properties. The fee types agree with the DELIVERY and
        // SERVICE of https://developers.google.com/actions-center/verticals/ordering/redirect/reference/feeds/fees
        // (the redirect product's feed); the other rows are unchecked.
        t[(int)EntityType.Fee] = Table(EntityType.Fee,
        [
            Ref("serviceId", EntityType.Service, required: true, repeated: true),
            P("feeType", ValueKind.Enum, required: true) with { Values = ["DELIVERY", "SERVICE"] },
            P("priceCurrency", Currency, required: true),
            Price("price"),
            Price("minPrice"),
            Price("maxPrice"),
            P("percentageOfCart", Number) with { Min = 0, Max = 100 },
            Price("pricePerMeter"),
            P("priority", Number) with { Min = 0 },
            P("eligibleRegion", Text, repeated: true),
            P("eligibleTransactionVolumeMin", Number) with { Min = 0 },
            P("eligibleTransactionVolumeMax", Number) with { Min = 0 },
            P("validFrom", ValueKind.DateTime),
            P("validThrough", ValueKind.DateTime),
        ],
        [
            // A fee is a fixed price, a share of the cart, a price per meter, or else a range.
            CrossRule.AtMostOne("price", "percentageOfCart", "pricePerMeter"),
            CrossRule.IfNoneThenAll(["price", "percentageOfCart", "pricePerMeter"], ["minPrice", "maxPrice"]),
            CrossRule.Ordered("minPrice", "maxPrice"),
            CrossRule.Ordered("eligibleTransactionVolumeMin", "eligibleTransactionVolumeMax"),
            CrossRule.Ordered("validFrom", "validThrough", strict: true),
        ]);

        // Checked against https://developers.google.com/actions-center/verticals/ordering/e2e/integration-steps/build-feeds/menu-entity
        // (a Menu with only @type and @id, so name is optional) and the advanced relational inventory page (a name).
        // Not shown: description, disclaimer, disclaimerUrl, inLanguage.
        t[(int)EntityType.Menu] = Table(EntityType.Menu,
        [
            P("name", NonEmptyText),
            P("description", Text),
            P("disclaimer", Text),
            P("disclaimerUrl", Url),
            P("inLanguage", Text),
            // Not in Google's Menu table (a Service names its Menu); kept as an optional link so a menu
            // pointing at a restaurant that is gone is still caught.
            Ref("restaurantId", EntityType.Restaurant),
        ],
        []);

        // Checked against the menu-entity page (menuId as {"@id", "displayOrder"}, name) and
        // https://developers.google.com/actions-center/verticals/ordering/e2e/reference/feeds/implement-inventory-advanced-relational-schema
        // (menuItemId as a list of item ids). Not shown: parentMenuSectionId, description, image.
        t[(int)EntityType.MenuSection] = Table(EntityType.MenuSection,
        [
            Ref("menuId", EntityType.Menu, repeated: true),
            Ref("parentMenuSectionId", EntityType.MenuSection, repeated: true),
            Ref("menuItemId", EntityType.MenuItem, repeated: true),
            P("name", NonEmptyText, required: true),
            P("description", Text),
            P("image", Url, repeated: true),
        ],
        [
            CrossRule.AnyOf("menuId", "parentMenuSectionId"),
        ]);

        // Checked against the menu-entity and advanced relational inventory pages: name, description, image as one URL,
        // parentMenuSectionId as {"@id", "displayOrder"}. Not shown: nutrition, allergen, additive, suitableForDiet,
        // depositInfo, numberOfServings.
        t[(int)EntityType.MenuItem] = Table(EntityType.MenuItem,
        [
            P("name", NonEmptyText, required: true),
            P("description", Text),
            P("image", Url, repeated: true),
            Ref("parentMenuSectionId", EntityType.MenuSection, repeated: true),
            P("nutrition", ValueKind.Object),
            P("allergen", ValueKind.Object, repeated: true),
            P("additive", ValueKind.Object, repeated: true),
            P("suitableForDiet", ValueKind.Enum, repeated: true) with
            {
                Values =
                [
                    "DIABETIC_DIET", "GLUTEN_FREE_DIET", "HALAL_DIET", "HINDU_DIET", "KOSHER_DIET", "LOW_CALORIE_DIET",
                    "LOW_FAT_DIET", "LOW_LACTOSE_DIET", "LOW_SALT_DIET", "VEGAN_DIET", "VEGETARIAN_DIET",
                ],
            },
            P("depositInfo", ValueKind.Object),
            P("numberOfServings", Integer) with { Min = 1 },
        ],
        []);

        // Checked against the menu-entity and advanced relational inventory pages: sku (on every offer of their examples),
        // menuItemId, price as a number, priceCurrency; both pages name Availability as an entity of a menu, which an
        // offer points at with availabilityId. Not shown: the availability and validity rows, the quantity rows,
        // inventoryLevel, applicableServiceType, offeredById, and which rows are required.
        t[(int)EntityType.MenuItemOffer] = Table(EntityType.MenuItemOffer,
        [
            P("sku", NonEmptyText, required: true),
            Ref("menuItemId", EntityType.MenuItem),
            Ref("menuItemOptionId", EntityType.MenuItemOption),
            Ref("availabilityId", EntityType.Availability, repeated: true),
            Price("price", required: true),
            P("priceCurrency", Currency, required: true),
            P("availabilityStarts", ValueKind.DateTime),
            P("availabilityEnds", ValueKind.DateTime),
            P("availableDay", ValueKind.Enum, repeated: true) with { Values = Days },
            P("validFrom", ValueKind.DateTime),
            P("validThrough", ValueKind.DateTime),
            P("eligibleQuantityMin", Integer) with { Min = 0 },
            P("eligibleQuantityMax", Integer) with { Min = 0 },
            P("inventoryLevel", Integer) with { Min = 0 },
            P("applicableServiceType", ValueKind.Enum, repeated: true) with { Values = ServiceTypes },
            P("offeredById", Text, repeated: true),
        ],
        [
            CrossRule.ExactlyOne(["menuItemId"], ["menuItemOptionId"]),
            CrossRule.Ordered("eligibleQuantityMin", "eligibleQuantityMax"),
            CrossRule.Ordered("validFrom", "validThrough", strict: true),
            CrossRule.Ordered("availabilityStarts", "availabilityEnds", strict: true),
        ]);

        // No stored page shows a MenuItemOption's properties (the menu pages only name the type); the rows are unchecked.
        t[(int)EntityType.MenuItemOption] = Table(EntityType.MenuItemOption,
        [
            Ref("menuItemId", EntityType.MenuItem, required: true),
            P("optionType", ValueKind.Enum) with { Values = ["SIZE", "PIZZA_SIDE"] },
            P("value", NonEmptyText, required: true),
            P("applicableParentOptionValue", Text),
        ],
        []);

        // No stored page shows a PackageItem; the rows are unchecked.
        t[(int)EntityType.PackageItem] = Table(EntityType.PackageItem,
        [
            Ref("packageMenuItemId", EntityType.MenuItem, required: true),
            Ref("menuItemId", EntityType.MenuItem, required: true),
            P("defaultQuantity", Integer, required: true) with { Min = 0 },
        ],
        []);

        // The menu-entity and advanced relational inventory pages name Availability beside MenuSection, MenuItem and
        // MenuItemOption but show none of its rows; these follow the schema.org Offer properties the offer rows use,
        // with times of day as the service hours write them. Unchecked.
        t[(int)EntityType.Availability] = Table(EntityType.Availability,
        [
            P("availabilityStarts", Time),
            P("availabilityEnds", Time),
            P("availableDay", ValueKind.Enum, repeated: true) with { Values = Days },
            P("validFrom", ValueKind.DateTime),
            P("validThrough", ValueKind.DateTime),
        ],
        [
            CrossRule.Ordered("validFrom", "validThrough", strict: true),
        ]);

        return t;
    }

    private static EntitySchema Table(EntityType type, PropertyRule[] own, CrossRule[] cross) =>
        new(type,
        [
            P("@type", Text, required: true) with { Role = PropertyRole.Type },
            P("@id", Text, required: true) with { Role = PropertyRole.Id },
            .. own,
            P("dateModified", ValueKind.DateTime) with { Role = PropertyRole.DateModified },
        ], cross);

    private static PropertyRule P(string name, ValueKind kind, bool required = false, bool repeated = false) =>
        new(name, kind) { Required = required, Repeated = repeated };

    private static PropertyRule Ref(string name, EntityType target, bool required = false, bool repeated = false) =>
        new(name, Reference) { Target = target, Required = required, Repeated = repeated };

    private static PropertyRule Price(string name, bool required = false) =>
        new(name, Number) { Required = required, Min = 0, RangeCode = FeedError.BadPrice };

    private static PropertyRule Coordinate(string name, double limit) =>
        new(name, Number) { Min = -limit, Max = limit, RangeCode = FeedError.BadCoordinates };
}
