namespace Monitor.Tests.Probes.Feed.Validation;

/// <summary>Each rule family of the schema tables: a valid and an invalid example, the invalid one found with its code and path.</summary>
public sealed class SchemaRuleTests
{
    public static TheoryData<string, string, string?, string, string> Defects => new()
    {
        // Enumerations.
        { "Fee", "feeType", "\"TIP\"", "bad_enum", "feeType" },
        { "Service", "serviceType", "\"DINE_IN\"", "bad_enum", "serviceType" },
        { "ServiceHours", "orderType", "\"LATER\"", "bad_enum", "orderType" },
        { "ServiceHours", "dayOfWeek", "[\"MONDAY\",\"FUNDAY\"]", "bad_enum", "dayOfWeek[1]" },
        { "MenuItem", "suitableForDiet", "\"PALEO_DIET\"", "bad_enum", "suitableForDiet" },
        { "MenuItemOption", "optionType", "\"COLOR\"", "bad_enum", "optionType" },
        { "Availability", "availableDay", "[\"SUNDAY\",\"HOLIDAY\"]", "bad_enum", "availableDay[1]" },
        // Required properties.
        { "Fee", "feeType", null, "missing_field", "feeType" },
        { "Fee", "priceCurrency", null, "missing_field", "priceCurrency" },
        { "Service", "menuId", null, "missing_field", "menuId" },
        { "Restaurant", "addressCountry", null, "missing_field", "addressCountry" },
        { "MenuItemOffer", "sku", null, "missing_field", "sku" },
        { "PackageItem", "defaultQuantity", null, "missing_field", "defaultQuantity" },
        // Value types under the coercion rules.
        { "ServiceHours", "leadTimeMin", "\"twenty\"", "wrong_type", "leadTimeMin" },
        { "ServiceHours", "leadTimeMin", "2.5", "wrong_type", "leadTimeMin" },
        { "Service", "isDisabled", "\"yes\"", "wrong_type", "isDisabled" },
        { "Restaurant", "dealId", "[[\"a\"]]", "wrong_type", "dealId[0]" },
        { "Restaurant", "name", "[\"a\",\"b\"]", "wrong_type", "name" },
        { "Service", "servingConfig", "\"off\"", "wrong_type", "servingConfig" },
        { "Restaurant", "name", "\"  \"", "bad_value", "name" },
        // Formats.
        { "MenuItemOffer", "validFrom", "\"2026-01-01T00:00:00\"", "bad_datetime", "validFrom" },
        { "ServiceHours", "opens", "\"25:00\"", "bad_time", "opens" },
        { "OperationHours", "closes", "\"23h59\"", "bad_time", "closes" },
        { "Availability", "availabilityStarts", "\"11am\"", "bad_time", "availabilityStarts" },
        { "ServiceHours", "opens", "\"T25:00:00\"", "bad_time", "opens" },
        { "ServiceHours", "advanceBookingSlotInterval", "\"15 minutes\"", "bad_duration", "advanceBookingSlotInterval" },
        { "ServiceHours", "advanceBookingSlotInterval", "\"PT\"", "bad_duration", "advanceBookingSlotInterval" },
        { "Fee", "priceCurrency", "\"XYZ\"", "bad_currency", "priceCurrency" },
        { "Restaurant", "addressCountry", "\"USA\"", "bad_country", "addressCountry" },
        { "Restaurant", "addressCountry", "\"QQ\"", "bad_country", "addressCountry" },
        { "Restaurant", "telephone", "\"650 555 0100\"", "bad_telephone", "telephone" },
        { "Restaurant", "url", "\"partner.example/r/1\"", "bad_url", "url" },
        { "Menu", "disclaimerUrl", "\"ftp://partner.example/terms\"", "bad_url", "disclaimerUrl" },
        { "ServiceArea", "polygon", "\"37.45 -122.17 37.44\"", "bad_polygon", "polygon" },
        { "ServiceArea", "polygon", "\"95 1 2 3 4 5\"", "bad_polygon", "polygon" },
        // Ranges.
        { "Restaurant", "latitude", "-90.5", "bad_coordinates", "latitude" },
        { "Restaurant", "longitude", "\"181\"", "bad_coordinates", "longitude" },
        { "Fee", "price", "-0.01", "bad_price", "price" },
        { "MenuItemOffer", "price", "\"-3\"", "bad_price", "price" },
        { "MenuItemOffer", "inventoryLevel", "-1", "out_of_range", "inventoryLevel" },
        { "MenuItem", "numberOfServings", "0", "out_of_range", "numberOfServings" },
        // Cross-field rules.
        { "ServiceArea", "polygon", null, "missing_field", "polygon" },
        { "Fee", "percentageOfCart", "10", "conflicting_fields", "price" },
        { "Fee", "price", null, "missing_field", "minPrice" },
        { "MenuItemOffer", "menuItemOptionId", "\"mio0\"", "conflicting_fields", "menuItemId" },
        { "MenuItemOffer", "eligibleQuantityMin", "11", "bad_range", "eligibleQuantityMin" },
        { "ServiceHours", "validThrough", "\"2025-06-01T00:00:00-07:00\"", "bad_range", "validFrom" },
        { "ServiceHours", "leadTimeMax", "10", "bad_range", "leadTimeMin" },
        { "Availability", "validThrough", "\"2025-01-01T00:00:00-07:00\"", "bad_range", "validFrom" },
        { "MenuSection", "menuId", null, "missing_field", "menuId" },
        { "Restaurant", "longitude", null, "missing_field", "longitude" },
        // Objects are never null.
        { "MenuItem", "nutrition", "{\"calories\":null}", "null_value", "nutrition.calories" },
        // Paths go down into lists and objects to the value at fault.
        { "MenuItem", "nutrition", "{\"calories\":{\"value\":[120,null]}}", "null_value", "nutrition.calories.value[1]" },
        { "MenuItem", "allergen", "[{\"allergenType\":\"GLUTEN\"},{\"allergenType\":null}]", "null_value", "allergen[1].allergenType" },
        { "ServiceArea", "serviceId", "[\"s0\",null]", "null_value", "serviceId[1]" },
        { "MenuSection", "menuId", "{\"@id\":null,\"displayOrder\":1}", "null_value", "menuId.@id" },
        { "MenuItem", "parentMenuSectionId", "[{\"@id\":\"ms0\",\"displayOrder\":null}]", "null_value", "parentMenuSectionId[0].displayOrder" },
        { "MenuSection", "menuItemId", "[{\"displayOrder\":1},\"mi0\"]", "bad_value", "menuItemId[0]" },
        { "Fee", "partnerExtras", "[{\"note\":\"x\"},{\"note\":null}]", "null_value", "partnerExtras[1].note" },
        { "Service", "menuId", "null", "null_value", "menuId" },
        // References added from Google's pages take the reference rules.
        { "ServiceHours", "operationHoursId", "[]", "bad_value", "operationHoursId" },
        { "MenuSection", "menuItemId", "{\"displayOrder\":1}", "bad_value", "menuItemId" },
        { "Restaurant", "menuId", "true", "bad_value", "menuId" },
        // References to entities the feed does not have, each sample naming the referring entity.
        { "Fee", "serviceId", "\"gone\"", "missing_reference", "serviceId" },
        { "ServiceHours", "operationHoursId", "\"gone\"", "missing_reference", "operationHoursId" },
        { "MenuSection", "menuItemId", "[\"gone\"]", "missing_reference", "menuItemId" },
        { "MenuItemOffer", "availabilityId", "\"gone\"", "missing_reference", "availabilityId" },
        { "Restaurant", "menuId", "{\"@id\":\"gone\"}", "missing_reference", "menuId" },
        // Every id of a list is looked up, not only the first.
        { "MenuSection", "menuItemId", "[\"mi0\",\"gone\"]", "missing_reference", "menuItemId" },
        { "ServiceArea", "serviceId", "[\"s0\",{\"@id\":\"gone\"}]", "missing_reference", "serviceId" },
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public async Task ValidateAsync_OneRuleBroken_ReportsItsCodeLineAndPath(string type, string property, string? json, string code, string path)
    {
        var lines = TestFeeds.ValidLines(1);
        lines.Add(SchemaEntities.Line(type, (property, json)));

        var report = await TestFeeds.ValidateAsync(lines);

        var sample = Assert.Single(report.Samples);
        Assert.Equal((code, path, 12L, type, $"x-{type}"), (sample.Reason, sample.Field, sample.Line, sample.Type, sample.Id));
        Assert.Equal(1, report.Type(type).Invalid);
        Assert.Equal(1, report.Type(type).InvalidByReason[code]);
    }

    [Fact]
    public async Task ValidateAsync_ServiceAreaWithTwoShapes_ReportsConflictingFields()
    {
        var lines = TestFeeds.ValidLines(1);
        lines.Add(SchemaEntities.Line("ServiceArea", ("postalCode", "\"94301\""), ("addressCountry", "\"US\"")));
        lines.Add(SchemaEntities.Line("ServiceArea", ("polygon", null), ("postalCode", "\"94301\""), ("addressCountry", "\"US\""))
            .Replace("x-ServiceArea", "y", StringComparison.Ordinal));

        var report = await TestFeeds.ValidateAsync(lines);

        var sample = Assert.Single(report.Samples);
        Assert.Equal(("conflicting_fields", "polygon", 12L), (sample.Reason, sample.Field, sample.Line));
    }

    [Fact]
    public async Task ValidateAsync_OneValidEntityOfEachType_ReportsNothing()
    {
        var lines = TestFeeds.ValidLines(1);
        lines.AddRange(SchemaEntities.Types.Select(t => SchemaEntities.Line(t)));

        var report = await TestFeeds.ValidateAsync(lines);

        Assert.Equal(0, report.Invalid);
        Assert.Equal(0, report.Warned);
        Assert.Empty(report.Codes);
    }

    [Theory]
    [InlineData("Fee", "percentageOfCart", "12.5")]
    [InlineData("Fee", "pricePerMeter", "0.001")]
    [InlineData("Restaurant", "telephone", "\"+44 (20) 7946.0958\"")]
    [InlineData("ServiceHours", "advanceBookingSlotInterval", "\"P1DT2H30.5S\"")]
    [InlineData("ServiceHours", "opens", "\"T08:08:00.250Z\"")]
    [InlineData("Restaurant", "name", "1234")]
    [InlineData("MenuItemOffer", "eligibleQuantityMax", "\"1\"")]
    [InlineData("MenuItemOffer", "applicableServiceType", "[\"TAKEOUT\"]")]
    [InlineData("ServiceHours", "opens", "\"11:00\"")]
    [InlineData("ServiceHours", "closes", "\"21:00:00+01:00\"")]
    [InlineData("OperationHours", "closes", "\"23:59\"")]
    [InlineData("ServiceHours", "operationHoursId", "\"oh0\"")]
    [InlineData("MenuSection", "menuItemId", "[\"mi0\"]")]
    [InlineData("Restaurant", "menuId", "\"m0\"")]
    public async Task ValidateAsync_CoercedOrAlternativeForm_IsValid(string type, string property, string json)
    {
        var change = type == "Fee" ? new[] { ("price", (string?)null), (property, json) } : [(property, (string?)json)];
        var lines = TestFeeds.ValidLines(1);
        lines.Add(SchemaEntities.Line(type, change));

        var report = await TestFeeds.ValidateAsync(lines);

        Assert.Equal(0, report.Invalid);
    }

    [Fact]
    public async Task ValidateAsync_ServiceWithItsHoursAsGooglesServicePageWritesThem_IsValid()
    {
        // Modelled on the Service entity page's takeout example: times of day without a T, a lead time as a
        // quoted number, and service hours naming the operation hours they fall in.
        var lines = TestFeeds.ValidLines(1);
        lines.Add("{\"@type\":\"Service\",\"@id\":\"pickup_7\",\"serviceType\":\"TAKEOUT\",\"menuId\":\"m0\",\"restaurantId\":\"r0\"}");
        lines.Add("{\"@type\":\"OperationHours\",\"@id\":\"pickup_7_open\",\"serviceId\":\"pickup_7\",\"opens\":\"00:00\",\"closes\":\"23:59\"}");
        lines.Add("{\"@type\":\"ServiceHours\",\"@id\":\"pickup_7_hours\",\"orderType\":\"ASAP\",\"serviceId\":\"pickup_7\","
            + "\"operationHoursId\":\"pickup_7_open\",\"opens\":\"10:30\",\"closes\":\"22:00\",\"dayOfWeek\":[\"TUESDAY\",\"SATURDAY\"],"
            + "\"leadTimeMin\":\"15\",\"leadTimeMax\":\"25\",\"isSpecialHour\":false}");

        var report = await TestFeeds.ValidateAsync(lines);

        Assert.Equal(0, report.Invalid);
        Assert.Empty(report.Codes);
    }

    [Fact]
    public async Task ValidateAsync_MenuAsGooglesAdvancedInventoryPageWritesIt_IsValid()
    {
        // Modelled on the advanced relational inventory page: a section listing its items by id, an offer with a
        // sku, and an Availability the offer points at (the pages name the type among a menu's entities).
        var lines = TestFeeds.ValidLines(1);
        lines.Add("{\"@type\":\"MenuSection\",\"@id\":\"drinks\",\"menuId\":{\"@id\":\"m0\",\"displayOrder\":2},\"name\":\"Drinks\",\"menuItemId\":[\"tea\"]}");
        lines.Add("{\"@type\":\"MenuItem\",\"@id\":\"tea\",\"name\":\"Green tea\",\"image\":\"https://partner.example/tea.png\",\"parentMenuSectionId\":{\"@id\":\"drinks\",\"displayOrder\":1}}");
        lines.Add("{\"@type\":\"MenuItemOffer\",\"@id\":\"tea-offer\",\"sku\":\"offer-tea\",\"menuItemId\":\"tea\",\"price\":3.20,\"priceCurrency\":\"AUD\",\"availabilityId\":[\"mornings\"]}");
        lines.Add("{\"@type\":\"Availability\",\"@id\":\"mornings\",\"availabilityStarts\":\"T07:00:00\",\"availabilityEnds\":\"T11:30:00\",\"availableDay\":\"SUNDAY\"}");

        var report = await TestFeeds.ValidateAsync(lines);

        Assert.Equal(0, report.Invalid);
        Assert.Empty(report.Codes);
        Assert.Equal(1, report.Type("Availability").Entities);
    }

    [Fact]
    public async Task ValidateAsync_UnknownProperty_IsAWarningAndTheEntityStaysValid()
    {
        var lines = TestFeeds.ValidLines(1);
        lines.Add(SchemaEntities.Line("Fee", ("tipPercent", "15")));

        var report = await TestFeeds.ValidateAsync(lines);

        Assert.Equal(0, report.Invalid);
        Assert.Equal(1, report.Warned);
        Assert.Empty(report.Samples);
        var code = Assert.Single(report.Codes);
        Assert.Equal(("unknown_property", true, 1L), (code.Code, code.Warning, code.Count));
        Assert.Equal(("tipPercent", 12L), (code.Samples[0].Field, code.Samples[0].Line));
        Assert.Equal(1, report.Type("Fee").WarningsByCode["unknown_property"]);
    }

    [Fact]
    public async Task ValidateAsync_EntityWithSeveralProblems_ReportsEveryOneAndCountsTheEntityOnce()
    {
        var lines = TestFeeds.ValidLines(1);
        lines.Add(SchemaEntities.Line("Fee", ("feeType", "\"TIP\""), ("priceCurrency", "\"dollars\""), ("price", "-1"), ("extra", "1")));

        var report = await TestFeeds.ValidateAsync(lines);

        Assert.Equal(["bad_enum", "bad_currency", "bad_price"], report.Samples.Select(s => s.Reason));
        Assert.All(report.Samples, s => Assert.Equal(12, s.Line));
        Assert.Equal(1, report.Type("Fee").Invalid);
        Assert.Equal(4, report.Codes.Count);
    }

    [Fact]
    public async Task ValidateAsync_TypeAfterOtherProperties_StillChecksAgainstItsTable()
    {
        var lines = TestFeeds.ValidLines(1);
        lines.Add("{\"@id\":\"late\",\"feeType\":\"TIP\",\"serviceId\":\"s0\",\"priceCurrency\":\"USD\",\"price\":1,\"@type\":\"Fee\"}");

        var report = await TestFeeds.ValidateAsync(lines);

        var sample = Assert.Single(report.Samples);
        Assert.Equal(("Fee", "bad_enum", "feeType"), (sample.Type, sample.Reason, sample.Field));
    }

    [Fact]
    public async Task ValidateAsync_InvalidUtf8_ReportsBadUtf8OnItsLine()
    {
        var good = TestFeeds.Bytes(TestFeeds.ValidLines(1));
        var bad = System.Text.Encoding.UTF8.GetBytes("{\"@type\":\"Menu\",\"@id\":\"m9\",\"name\":\"caf\u00e9\"}\n");
        bad[bad.Length - 5] = 0xFF; // the second byte of "é"

        var report = await TestFeeds.ValidateAsync([.. good, .. bad]);

        var sample = Assert.Single(report.Samples);
        Assert.Equal(("bad_utf8", 12L, "Menu"), (sample.Reason, sample.Line, sample.Type));
    }

    [Fact]
    public async Task ValidateAsync_MissingReference_NamesTheReferringEntitysId()
    {
        // The Service's restaurant comes later in the feed and is found; its menu is not. Both were pending at once.
        var lines = TestFeeds.ValidLines(1);
        lines.Add("{\"@type\":\"Service\",\"@id\":\"orphan\\u002d1\",\"serviceType\":\"TAKEOUT\",\"restaurantId\":\"r-late\",\"menuId\":\"m-gone\"}");
        lines.Add(SchemaEntities.Line("Fee", ("serviceId", "\"s-gone\"")));
        lines.Add(TestFeeds.ValidLines(1)[0].Replace("\"r0\"", "\"r-late\"", StringComparison.Ordinal));

        var report = await TestFeeds.ValidateAsync(lines);

        Assert.Equal(
            [("missing_reference", "menuId", 12L, "orphan\\u002d1"), ("missing_reference", "serviceId", 13L, "x-Fee")],
            report.Samples.Select(s => (s.Reason, s.Field, s.Line, s.Id)));
        var code = Assert.Single(report.Codes);
        Assert.Equal(["orphan\\u002d1", "x-Fee"], code.Samples.Select(s => s.Id));
    }

    [Fact]
    public async Task ValidateAsync_ManyForwardReferencesAndAFewMissing_ReportsOnlyTheMissingWithTheirIds()
    {
        // More forward references than the tally holds before it drops the resolved ones, so they are dropped
        // several times over while the missing ones (each line's second reference among them) are kept.
        const int services = 40_000;
        var lines = TestFeeds.ValidLines(1);
        for (var i = 0; i < services; i++)
        {
            var menu = i % 10_000 == 7 ? $"gone-{i}" : $"later-{i}";
            lines.Add($"{{\"@type\":\"Service\",\"@id\":\"fwd-{i}\",\"serviceType\":\"TAKEOUT\",\"restaurantId\":\"r-late-{i}\",\"menuId\":\"{menu}\"}}");
            if (i > 0)
            {
                // Each menu follows the next service, so its service's reference is pending for one line.
                lines.Add($"{{\"@type\":\"Menu\",\"@id\":\"later-{i - 1}\"}}");
            }
        }

        lines.Add($"{{\"@type\":\"Menu\",\"@id\":\"later-{services - 1}\"}}");
        var restaurant = TestFeeds.ValidLines(1)[0];
        for (var i = 0; i < services; i++)
        {
            // One restaurant each: a restaurant takes one TAKEOUT Service.
            lines.Add(restaurant.Replace("\"r0\"", $"\"r-late-{i}\"", StringComparison.Ordinal));
        }

        var report = await TestFeeds.ValidateAsync(lines);

        Assert.Equal(
            [("menuId", 25L, "fwd-7"), ("menuId", 20_025L, "fwd-10007"), ("menuId", 40_025L, "fwd-20007"), ("menuId", 60_025L, "fwd-30007")],
            report.Samples.Select(s => (s.Field, s.Line, s.Id)));
        Assert.Equal(4, report.Type("Service").Invalid);
    }

    [Fact]
    public async Task ValidateAsync_SecondServiceOfOneTypeForARestaurant_IsADuplicateServiceAndATakeoutBesideTheDeliveryIsNot()
    {
        // Restaurant r0 has its DELIVERY Service s0; a TAKEOUT one is allowed, a second DELIVERY one is not.
        var lines = TestFeeds.ValidLines(2);
        lines.Add("{\"@type\":\"Service\",\"@id\":\"takeout-0\",\"serviceType\":\"TAKEOUT\",\"restaurantId\":\"r0\",\"menuId\":\"m0\"}");
        lines.Add("{\"@type\":\"Service\",\"@id\":\"delivery-again\",\"menuId\":\"m0\",\"restaurantId\":\"r0\",\"serviceType\":\"DELIVERY\"}");

        var report = await TestFeeds.ValidateAsync(lines);

        var sample = Assert.Single(report.Samples);
        Assert.Equal(("duplicate_service", "serviceType", 24L, "Service", "delivery-again"), (sample.Reason, sample.Field, sample.Line, sample.Type, sample.Id));
        Assert.Equal(1, report.Type("Service").Invalid);
    }

    [Fact]
    public async Task ValidateAsync_MissingReferenceOnAnInvalidEntity_CountsTheEntityOnce()
    {
        var lines = TestFeeds.ValidLines(1);
        lines.Add(SchemaEntities.Line("Fee", ("feeType", "\"TIP\""), ("serviceId", "\"gone\"")));

        var report = await TestFeeds.ValidateAsync(lines);

        Assert.Equal(["bad_enum", "missing_reference"], report.Samples.Select(s => s.Reason));
        Assert.Equal(1, report.Type("Fee").Invalid);
    }
}
