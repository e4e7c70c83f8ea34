namespace Monitor.Tests.Probes.Feed.Validation;

/// <summary>
/// One valid entity of each type, modelled on the examples of Google's schema pages, whose parents are
/// those of <see cref="TestFeeds.ValidLines"/>(1); a test changes, adds or removes properties of one.
/// </summary>
internal static class SchemaEntities
{
    private static readonly Dictionary<string, (string Key, string Json)[]> Bases = new(StringComparer.Ordinal)
    {
        ["Restaurant"] =
        [
            ("name", "\"Pronto\""), ("url", "\"https://partner.example/r/1\""), ("telephone", "\"+1-650-555-0100\""),
            ("streetAddress", "\"100 Example Ave\""), ("addressLocality", "\"Palo Alto\""), ("addressRegion", "\"CA\""),
            ("postalCode", "\"94301\""), ("addressCountry", "\"US\""), ("latitude", "37.44"), ("longitude", "-122.16"),
        ],
        ["Service"] = [("serviceType", "\"TAKEOUT\""), ("restaurantId", "\"r0\""), ("menuId", "\"m0\"")],
        ["ServiceArea"] = [("serviceId", "\"s0\""), ("polygon", "[\"37.45 -122.17 37.44 -122.15 37.43 -122.17\"]")],
        ["ServiceHours"] =
        [
            ("orderType", "\"ASAP\""), ("serviceId", "[\"s0\"]"), ("opens", "\"T10:00:00\""), ("closes", "\"T22:00:00+05:30\""),
            ("dayOfWeek", "[\"MONDAY\",\"FRIDAY\"]"), ("validFrom", "\"2026-01-01T00:00:00-07:00\""),
            ("validThrough", "\"2027-01-01T00:00:00-07:00\""), ("leadTimeMin", "20"), ("leadTimeMax", "\"40\""),
            ("advanceBookingSlotInterval", "\"PT15M\""),
        ],
        ["OperationHours"] = [("serviceId", "\"s0\""), ("opens", "\"T08:00\""), ("closes", "\"T24:00:00\""), ("dayOfWeek", "\"SUNDAY\"")],
        ["Fee"] = [("serviceId", "\"s0\""), ("feeType", "\"DELIVERY\""), ("priceCurrency", "\"USD\""), ("price", "2.99")],
        ["Menu"] = [("name", "\"All day\""), ("disclaimerUrl", "\"https://partner.example/terms\"")],
        ["MenuSection"] = [("menuId", "{\"@id\":\"m0\",\"displayOrder\":1}"), ("name", "\"Pizza\"")],
        ["MenuItem"] = [("name", "\"Margherita\""), ("parentMenuSectionId", "\"ms0\""), ("suitableForDiet", "[\"VEGETARIAN_DIET\"]")],
        ["MenuItemOffer"] =
        [
            ("sku", "\"margherita-12\""), ("menuItemId", "\"mi0\""), ("price", "\"12.50\""), ("priceCurrency", "\"EUR\""),
            ("eligibleQuantityMin", "1"), ("eligibleQuantityMax", "10"), ("availableDay", "\"SATURDAY\""),
        ],
        ["MenuItemOption"] = [("menuItemId", "\"mi0\""), ("optionType", "\"SIZE\""), ("value", "\"Large\"")],
        ["PackageItem"] = [("packageMenuItemId", "\"mi0\""), ("menuItemId", "\"mi0\""), ("defaultQuantity", "2")],
        ["Availability"] =
        [
            ("availabilityStarts", "\"T11:00:00\""), ("availabilityEnds", "\"15:00\""), ("availableDay", "[\"MONDAY\",\"TUESDAY\"]"),
            ("validFrom", "\"2026-01-01T00:00:00-07:00\""), ("validThrough", "\"2027-01-01T00:00:00-07:00\""),
        ],
    };

    /// <summary>The line of a valid <paramref name="type"/> with the changes: a null JSON removes the property.</summary>
    public static string Line(string type, params (string Key, string? Json)[] changes)
    {
        var props = Bases[type].Select(p => (p.Key, (string?)p.Json)).ToList();
        foreach (var (key, json) in changes)
        {
            var at = props.FindIndex(p => p.Key == key);
            if (at >= 0)
            {
                props[at] = (key, json);
            }
            else
            {
                props.Add((key, json));
            }
        }

        var body = string.Join(",", props.Where(p => p.Item2 is not null).Select(p => $"\"{p.Key}\":{p.Item2}"));
        return $"{{\"@type\":\"{type}\",\"@id\":\"x-{type}\",{body},\"dateModified\":\"{TestFeeds.Fresh}\"}}";
    }

    public static IEnumerable<string> Types => Bases.Keys;
}
