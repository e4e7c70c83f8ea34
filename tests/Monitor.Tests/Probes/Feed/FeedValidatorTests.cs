using Monitor.Probes.Feed.Validation;

namespace Monitor.Tests.Probes.Feed;

public sealed class FeedValidatorTests
{
    [Fact]
    public async Task ValidateAsync_GeneratedValidFeed_ReportsNoErrors()
    {
        var report = await TestFeeds.ValidateAsync(TestFeeds.ValidLines(50));

        Assert.Equal(550, report.Entities);
        Assert.Equal(0, report.Invalid);
        Assert.Equal(50, report.Type("Restaurant").Entities);
        Assert.Equal(50, report.Type("Service").Entities);
        Assert.Empty(report.Samples);
        Assert.Empty(report.FileIssues);
        Assert.Equal(0, report.StaleShare);
        Assert.Equal(550, report.Lines);
    }

    [Theory]
    [InlineData("{\"@type\":\"Restaurant\",\"@id\":\"x\",\"name\":null,\"streetAddress\":\"a\",\"addressLocality\":\"L\",\"addressRegion\":\"R\",\"postalCode\":\"1\",\"addressCountry\":\"US\"}", "Restaurant", "null_value", "name")]
    [InlineData("{\"@type\":\"MenuItem\",\"@id\":\"x\",\"name\":\"n\",\"nutrition\":{\"calories\":null}}", "MenuItem", "null_value", "nutrition.calories")]
    [InlineData("{\"@type\":\"Restaurant\",\"@id\":\"x\",\"streetAddress\":\"a\",\"addressLocality\":\"L\",\"addressRegion\":\"R\",\"postalCode\":\"1\",\"addressCountry\":\"US\"}", "Restaurant", "missing_field", "name")]
    [InlineData("{\"@type\":\"Restaurant\",\"@id\":\"x\",\"name\":\"n\",\"addressLocality\":\"L\",\"addressRegion\":\"R\",\"postalCode\":\"1\",\"addressCountry\":\"US\"}", "Restaurant", "missing_field", "streetAddress")]
    [InlineData("{\"@type\":\"Restaurant\",\"@id\":\"x\",\"name\":\"n\",\"streetAddress\":\"a\",\"addressLocality\":\"L\",\"addressRegion\":\"R\",\"postalCode\":\"1\",\"addressCountry\":\"US\",\"longitude\":1}", "Restaurant", "missing_field", "latitude")]
    [InlineData("{\"@type\":\"Restaurant\",\"@id\":\"x\",\"name\":\"n\",\"streetAddress\":\"a\",\"addressLocality\":\"L\",\"addressRegion\":\"R\",\"postalCode\":\"1\",\"addressCountry\":\"US\",\"latitude\":91,\"longitude\":1}", "Restaurant", "bad_coordinates", "latitude")]
    [InlineData("{\"@type\":\"Menu\",\"name\":\"n\"}", "Menu", "missing_id", "@id")]
    [InlineData("{\"@id\":\"x\",\"name\":\"n\"}", "Unknown", "missing_type", "@type")]
    [InlineData("{\"@type\":\"Restaurnat\",\"@id\":\"x\"}", "Unknown", "unknown_type", "@type")]
    [InlineData("{\"@type\":\"Menu\",\"@id\":\"x\"", "Menu", "parse_error", null)]
    [InlineData("{\"@type\":\"Menu\",\"@id\":\"x\"} {\"@type\":\"Menu\",\"@id\":\"y\"}", "Menu", "parse_error", null)]
    [InlineData("[{\"@type\":\"Menu\"}]", "Unknown", "not_an_object", null)]
    [InlineData("{\"@type\":\"Menu\",\"@id\":\"x\",\"dateModified\":\"2026-11-28T10:00:00\"}", "Menu", "bad_datetime", "dateModified")]
    [InlineData("{\"@type\":\"Menu\",\"@id\":\"x\",\"dateModified\":\"yesterday\"}", "Menu", "bad_datetime", "dateModified")]
    [InlineData("{\"@type\":\"MenuItemOffer\",\"@id\":\"x\",\"sku\":\"k\",\"menuItemId\":\"mi0\",\"price\":-1,\"priceCurrency\":\"USD\"}", "MenuItemOffer", "bad_price", "price")]
    [InlineData("{\"@type\":\"MenuItemOffer\",\"@id\":\"x\",\"sku\":\"k\",\"menuItemId\":\"mi0\",\"price\":1,\"priceCurrency\":\"usd\"}", "MenuItemOffer", "bad_currency", "priceCurrency")]
    [InlineData("{\"@type\":\"MenuItemOffer\",\"@id\":\"x\",\"sku\":\"k\",\"menuItemId\":\"mi0\",\"price\":1}", "MenuItemOffer", "missing_field", "priceCurrency")]
    [InlineData("{\"@type\":\"Service\",\"@id\":\"x\",\"menuId\":\"m0\",\"serviceType\":\"DINE_IN\",\"restaurantId\":\"r0\"}", "Service", "bad_enum", "serviceType")]
    [InlineData("{\"@type\":\"Service\",\"@id\":\"x\",\"menuId\":\"m0\",\"serviceType\":\"TAKEOUT\",\"restaurantId\":\"nowhere\"}", "Service", "missing_reference", "restaurantId")]
    [InlineData("{\"@type\":\"Menu\",\"@id\":\"x\",\"restaurantId\":\"nowhere\"}", "Menu", "missing_reference", "restaurantId")]
    [InlineData("{\"@type\":\"MenuItemOffer\",\"@id\":\"x\",\"sku\":\"k\",\"menuItemId\":\"nowhere\",\"price\":1,\"priceCurrency\":\"USD\"}", "MenuItemOffer", "missing_reference", "menuItemId")]
    [InlineData("{\"@type\":\"Restaurant\",\"@id\":\"r0\",\"name\":\"n\",\"streetAddress\":\"a\",\"addressLocality\":\"L\",\"addressRegion\":\"R\",\"postalCode\":\"1\",\"addressCountry\":\"US\"}", "Restaurant", "duplicate_id", "@id")]
    public async Task ValidateAsync_OneDefectiveLine_ReportsReasonFieldAndLine(string bad, string type, string reason, string? field)
    {
        var lines = TestFeeds.ValidLines(3);
        lines.Insert(20, bad); // after the first restaurant's whole tree, so references resolve

        var report = await TestFeeds.ValidateAsync(lines);

        var sample = Assert.Single(report.Samples);
        Assert.Equal(21, sample.Line);
        Assert.Equal(type, sample.Type);
        Assert.Equal(reason, sample.Reason);
        Assert.Equal(field, sample.Field);
        Assert.Equal(1, report.Invalid);
        Assert.Equal(1, report.Type(type).InvalidByReason[reason]);
    }

    [Fact]
    public async Task ValidateAsync_IdOver300Characters_ReportsIdTooLong()
    {
        var lines = TestFeeds.ValidLines(1);
        lines.Add($"{{\"@type\":\"Menu\",\"@id\":\"{new string('é', 301)}\"}}");
        lines.Add($"{{\"@type\":\"Menu\",\"@id\":\"{new string('é', 300)}\"}}");

        var report = await TestFeeds.ValidateAsync(lines);

        var sample = Assert.Single(report.Samples);
        Assert.Equal(("id_too_long", 12L), (sample.Reason, sample.Line));
    }

    [Fact]
    public async Task ValidateAsync_EscapedPropertyNamesAndIds_AreReadUnescaped()
    {
        var lines = TestFeeds.ValidLines(1);
        lines.Add("{\"@type\":\"Menu\",\"@id\":\"m\\u0030\",\"na\\u006De\":\"n\"}"); // "m0" again, spelled with an escape

        var report = await TestFeeds.ValidateAsync(lines);

        var sample = Assert.Single(report.Samples);
        Assert.Equal(("duplicate_id", 12L), (sample.Reason, sample.Line));
    }

    [Fact]
    public async Task ValidateAsync_SameIdInTwoTypes_IsNotADuplicate()
    {
        var report = await TestFeeds.ValidateAsync(["{\"@type\":\"Menu\",\"@id\":\"a16\"}", "{\"@type\":\"MenuItem\",\"@id\":\"a16\",\"name\":\"n\"}"]);

        Assert.Equal(0, report.Invalid);
    }

    [Fact]
    public async Task ValidateAsync_ChildBeforeParent_ResolvesReference()
    {
        var lines = TestFeeds.ValidLines(2);
        lines.Reverse();

        var report = await TestFeeds.ValidateAsync(lines);

        Assert.Equal(0, report.Invalid);
    }

    [Fact]
    public async Task ValidateAsync_ManySmallBlocks_KeepsLineNumbersAcrossBlocks()
    {
        var lines = TestFeeds.ValidLines(200);
        lines.Insert(1500, "{\"@type\":\"Menu\",\"@id\":null}");
        lines.Insert(2000, "not json");

        var report = await TestFeeds.ValidateAsync(lines, new FeedValidationSettings { BlockSize = 4096 });

        Assert.Equal([1501L, 2001L], report.Samples.Select(s => s.Line));
        Assert.Equal(2202, report.Lines);
    }

    [Fact]
    public async Task ValidateAsync_WindowsLineEndingsAndBlankLines_CountsLinesAndIgnoresBlanks()
    {
        var text = "{\"@type\":\"Menu\",\"@id\":\"a\"}\r\n\r\n   \r\n{\"@type\":\"Menu\",\"@id\":\"b\",\"x\":null}\r\n";

        var report = await TestFeeds.ValidateAsync(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.Equal(2, report.Entities);
        Assert.Equal(4, Assert.Single(report.Samples).Line);
    }

    [Fact]
    public async Task ValidateAsync_OldDateModified_CountsStaleShare()
    {
        var lines = TestFeeds.ValidLines(9);
        lines.AddRange(TestFeeds.ValidLines(1, TestFeeds.Old).Select(l => l.Replace("\"r0\"", "\"rx\"", StringComparison.Ordinal)
            .Replace("@id\":\"", "@id\":\"old-", StringComparison.Ordinal)));

        var report = await TestFeeds.ValidateAsync(lines);

        Assert.Equal(11, report.StaleEntities);
        Assert.Equal(0.1, report.StaleShare, 6);
    }
}
