using System.Text;
using Monitor.Probes.Feed.Validation;

namespace Monitor.Tests.Probes.Feed.Validation;

/// <summary>A generated feed with one defect of every line-level code, each found at its own line.</summary>
public sealed class EveryCodeTests
{
    private static readonly string Huge = new('x', 900 * 1024);

    /// <summary>Each code's defect; a line carrying several lines' worth (the tree) is spread by the builder.</summary>
    private static List<(FeedError Code, string[] Lines)> Defects() =>
    [
        (FeedError.ParseError, ["{\"@type\":\"Menu\",\"@id\":\"p\""]),
        (FeedError.NotAnObject, ["[1,2]"]),
        (FeedError.MissingType, ["{\"@id\":\"t\"}"]),
        (FeedError.UnknownType, ["{\"@type\":\"Restaurnat\",\"@id\":\"t\"}"]),
        (FeedError.MissingId, ["{\"@type\":\"Menu\"}"]),
        (FeedError.BadId, ["{\"@type\":\"Menu\",\"@id\":\"\"}"]),
        (FeedError.IdTooLong, [$"{{\"@type\":\"Menu\",\"@id\":\"{new string('i', 301)}\"}}"]),
        (FeedError.DuplicateId, ["{\"@type\":\"Menu\",\"@id\":\"m0\"}"]),
        (FeedError.MissingField, [SchemaEntities.Line("Fee", ("feeType", null))]),
        (FeedError.NullValue, [SchemaEntities.Line("Menu", ("name", "null"))]),
        (FeedError.BadDateTime, [SchemaEntities.Line("Fee", ("validFrom", "\"2026-01-01\""))]),
        (FeedError.BadPrice, [SchemaEntities.Line("Fee", ("price", "-2"))]),
        (FeedError.BadCurrency, [SchemaEntities.Line("Fee", ("priceCurrency", "\"$\""))]),
        (FeedError.BadCoordinates, [SchemaEntities.Line("Restaurant", ("latitude", "100"))]),
        (FeedError.BadValue, [SchemaEntities.Line("MenuItemOption", ("value", "\"\""))]),
        (FeedError.EntityTooLarge, [$"{{\"@type\":\"Menu\",\"@id\":\"big\",\"description\":\"{new string('x', 4 * 1024 * 1024)}\"}}"]),
        (FeedError.MissingReference, [SchemaEntities.Line("Fee", ("serviceId", "\"gone\""))]),
        (FeedError.TreeTooLarge,
        [
            "{\"@type\":\"Menu\",\"@id\":\"tm\"}", "{\"@type\":\"MenuSection\",\"@id\":\"ts\",\"name\":\"n\",\"menuId\":\"tm\"}",
            .. Enumerable.Range(0, 5).Select(i => $"{{\"@type\":\"MenuItem\",\"@id\":\"ti{i}\",\"name\":\"n\",\"description\":\"{Huge}\",\"parentMenuSectionId\":\"ts\"}}"),
        ]),
        (FeedError.BadUtf8, ["{\"@type\":\"Menu\",\"@id\":\"u\",\"name\":\"\u00ff\u00ff\"}"]),
        (FeedError.WrongType, [SchemaEntities.Line("Service", ("isDisabled", "1"))]),
        (FeedError.BadEnum, [SchemaEntities.Line("Fee", ("feeType", "\"TIP\""))]),
        (FeedError.BadTime, [SchemaEntities.Line("ServiceHours", ("opens", "\"8am\""))]),
        (FeedError.BadDuration, [SchemaEntities.Line("ServiceHours", ("advanceBookingSlotInterval", "\"15m\""))]),
        (FeedError.BadCountry, [SchemaEntities.Line("Restaurant", ("addressCountry", "\"us\""))]),
        (FeedError.BadTelephone, [SchemaEntities.Line("Restaurant", ("telephone", "\"call us\""))]),
        (FeedError.BadUrl, [SchemaEntities.Line("Restaurant", ("url", "\"www.example.com\""))]),
        (FeedError.OutOfRange, [SchemaEntities.Line("Fee", ("price", null), ("percentageOfCart", "120"))]),
        (FeedError.BadPolygon, [SchemaEntities.Line("ServiceArea", ("polygon", "\"1 2\""))]),
        (FeedError.ConflictingFields, [SchemaEntities.Line("Fee", ("pricePerMeter", "0.01"))]),
        (FeedError.BadRange, [SchemaEntities.Line("Fee", ("price", null), ("minPrice", "5"), ("maxPrice", "1"))]),
        (FeedError.UnknownProperty, [SchemaEntities.Line("Menu", ("chef", "\"Ana\""))]),
        (FeedError.DuplicateService, [SchemaEntities.Line("Service", ("serviceType", "\"DELIVERY\""))]),
    ];

    [Fact]
    public async Task ValidateAsync_OneDefectOfEveryCode_FindsEachAtItsLine()
    {
        var lines = TestFeeds.ValidLines(3);
        var expected = new Dictionary<string, long>();
        foreach (var (code, defect) in Defects())
        {
            // Ids made unique, so the only duplicate is the one meant.
            lines.AddRange(defect.Select(l => l.Replace("\"@id\":\"x-", $"\"@id\":\"{code}-", StringComparison.Ordinal)));
            expected[FeedErrors.Name(code)] = lines.Count;
        }

        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        Patch(bytes, "\u00ff\u00ff"u8.ToArray()); // the bad_utf8 line's bytes, made invalid

        var report = await TestFeeds.ValidateAsync(bytes);

        var found = report.Codes.ToDictionary(c => c.Code, c => c.Samples.Select(s => s.Line).ToList());
        Assert.Equal(FeedErrors.Count - 1, expected.Count);
        Assert.All(expected, e => Assert.Contains(e.Value, found.GetValueOrDefault(e.Key) ?? []));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ValidateAsync_GeneratedCleanFeed_ReportsNoCode()
    {
        var report = await TestFeeds.ValidateAsync(TestFeeds.ValidLines(30));

        Assert.Empty(report.Codes);
        Assert.Equal(0, report.Invalid);
    }

    /// <summary>Turns the UTF-8 of "ÿÿ" into a lone continuation byte and a 0xFF, neither valid UTF-8.</summary>
    private static void Patch(byte[] bytes, byte[] marker)
    {
        var at = bytes.AsSpan().IndexOf(marker);
        bytes[at] = 0x80;
        bytes[at + 2] = 0xFF;
    }
}
