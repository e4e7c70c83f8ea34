using System.Text;

namespace Monitor.Tests.Probes.Feed.Validation;

/// <summary>
/// The edges of JSON syntax as the line scanner reads it (RFC 8259): what a partner sees in the report
/// for a Menu line whose only damage is the value shown.
/// </summary>
public sealed class LineScannerSyntaxTests
{
    private const string Date = $"\"dateModified\":\"{TestFeeds.Fresh}\"";

    [Theory]
    [InlineData("\"Pizza\"")]
    [InlineData("\"caf\\u00e9\"")]
    [InlineData("\"smile \\ud83d\\ude00\"")]
    [InlineData("\"tab\\tquote\\\"slash\\/back\\\\\"")]
    [InlineData("\"\\b\\f\\n\\r\"")]
    [InlineData("  \"spaced\"  ")]
    public async Task ValidateAsync_ValidStringValue_IsClean(string name)
    {
        var report = await ValidateMenuAsync($"\"name\":{name}");

        Assert.Equal(0, report.Invalid);
        Assert.Empty(report.Codes);
    }

    [Theory]
    [InlineData("\"a\\qb\"")]          // no such escape
    [InlineData("\"\\u12\"")]          // too few hex digits
    [InlineData("\"\\uZZZZ\"")]        // not hex
    [InlineData("\"tab\there\"")]      // a raw control byte inside a string
    [InlineData("\"no end")]
    [InlineData("'single'")]
    public async Task ValidateAsync_BrokenString_IsParseErrorOnItsLine(string name)
    {
        var report = await ValidateMenuAsync($"\"name\":{name}");

        Assert.Equal(("parse_error", 2L), Sample(report));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("12.5")]
    [InlineData("1e3")]
    [InlineData("1E+3")]
    [InlineData("2.5e-1")]
    public async Task ValidateAsync_ValidNumber_IsAcceptedAsDisplayOrder(string number)
    {
        var report = await ValidateSectionAsync(number);

        Assert.Equal(0, report.Invalid);
    }

    [Theory]
    [InlineData("01")]
    [InlineData("-")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("+1")]
    [InlineData("12x")]
    [InlineData("0x10")]
    [InlineData("NaN")]
    [InlineData("tru")]
    [InlineData("nul")]
    public async Task ValidateAsync_MalformedNumberOrLiteral_IsParseError(string value)
    {
        var report = await ValidateSectionAsync(value);

        Assert.Equal(("parse_error", 2L), Sample(report));
    }

    [Theory]
    [InlineData("{\"@type\":\"Menu\",\"@id\":\"m1\",}")]
    [InlineData("{\"@type\":\"Menu\",\"@id\":\"m1\"} {}")]
    [InlineData("{\"@type\":\"Menu\" \"@id\":\"m1\"}")]
    [InlineData("{\"@type\":\"Menu\",\"@id\":\"m1\",\"name\":[\"a\",]}")]
    [InlineData("{\"@type\":\"Menu\",\"@id\":\"m1\",\"name\" \"a\"}")]
    [InlineData("{\"@type\":\"Menu\",\"@id\":\"m1\"")]
    public async Task ValidateAsync_BrokenStructure_IsParseError(string line)
    {
        var report = await ValidateAsync(line);

        Assert.Equal(("parse_error", 2L), Sample(report));
    }

    [Fact]
    public async Task ValidateAsync_LoneSurrogateEscape_IsBadUtf8NotACrash()
    {
        // \ud83d without its low half names no character; before, decoding such an @id stopped the whole run.
        var report = await ValidateAsync("{\"@type\":\"Menu\",\"@id\":\"m\\ud83d\",\"name\":\"N\"}",
            "{\"@type\":\"Menu\",\"@id\":\"m3\",\"name\":\"lone low \\ude00\"}");

        Assert.Equal(3, report.Lines);
        Assert.Equal([2L, 3L], report.Codes.Single(c => c.Code == "bad_utf8").Samples.Select(s => s.Line));
        Assert.Equal(2, report.Invalid);
    }

    [Fact]
    public async Task ValidateAsync_InvalidUtf8InNestedPropertyName_ReportsTheLine()
    {
        var line = Encoding.UTF8.GetBytes($"{{\"@type\":\"MenuItem\",\"@id\":\"i\",\"name\":\"n\",\"parentMenuSectionId\":\"s\",\"allergen\":[{{\"X\":null}}],{Date}}}");
        line[line.AsSpan().IndexOf("\"X\""u8) + 1] = 0xE9;

        var report = await TestFeeds.ValidateAsync([.. Encoding.UTF8.GetBytes(Menu("m0") + "\n"), .. line, (byte)'\n']);

        var onTheLine = report.Codes.Where(c => c.Samples.Any(s => s.Line == 2)).Select(c => c.Code).ToList();
        Assert.Contains("bad_utf8", onTheLine);
        Assert.Contains("null_value", onTheLine);
    }

    [Theory]
    [InlineData(63, false)]
    [InlineData(64, true)]
    public async Task ValidateAsync_DeepNesting_IsParseErrorPastSixtyFourLevels(int arrays, bool broken)
    {
        // The line's own object is one level, so 63 arrays inside it reach 64.
        var value = new string('[', arrays) + new string(']', arrays);
        var report = await ValidateMenuAsync($"\"description\":{value}");

        Assert.Equal(broken, report.Codes.Any(c => c.Code == "parse_error"));
    }

    [Fact]
    public async Task ValidateAsync_TruncatedLastLineWithoutNewline_IsParseErrorOnThatLine()
    {
        var bytes = Encoding.UTF8.GetBytes(Menu("m0") + "\n{\"@type\":\"Menu\",\"@id\":\"m1\",\"name\":12");

        var report = await TestFeeds.ValidateAsync(bytes);

        Assert.Equal(2, report.Lines);
        Assert.Equal(("parse_error", 2L), Sample(report));
    }

    [Fact]
    public async Task ValidateAsync_ByteOrderMark_IsParseErrorOnTheFirstLine()
    {
        // Google's feed spec asks for UTF-8 without a byte order mark; the line that carries one is reported.
        var bytes = Encoding.UTF8.GetBytes("\uFEFF" + Menu("m0") + "\n" + Menu("m1") + "\n");

        var report = await TestFeeds.ValidateAsync(bytes);

        Assert.Equal(("parse_error", 1L), Sample(report));
        Assert.Equal(1, report.Invalid);
    }

    [Fact]
    public async Task ValidateAsync_EscapedPropertyName_IsTheSameProperty()
    {
        var report = await ValidateAsync("{\"@t\\u0079pe\":\"Menu\",\"@id\":\"m1\",\"na\\u006De\":\"N\",\"restaurantId\":\"r\\u0031\"}",
            "{\"@type\":\"Restaurant\",\"@id\":\"r1\",\"name\":\"R\",\"streetAddress\":\"s\",\"addressLocality\":\"l\",\"addressRegion\":\"CA\",\"postalCode\":\"1\",\"addressCountry\":\"US\"}");

        Assert.Equal(0, report.Invalid);
        Assert.Empty(report.Codes);
    }

    private static string Menu(string id) => $"{{\"@type\":\"Menu\",\"@id\":\"{id}\",\"name\":\"N\",{Date}}}";

    private static (string Reason, long Line) Sample(Monitor.Probes.Feed.FeedReport report)
    {
        var sample = Assert.Single(report.Samples);
        return (sample.Reason, sample.Line);
    }

    private static Task<Monitor.Probes.Feed.FeedReport> ValidateMenuAsync(string property) =>
        ValidateAsync($"{{\"@type\":\"Menu\",\"@id\":\"m1\",{property},{Date}}}");

    private static Task<Monitor.Probes.Feed.FeedReport> ValidateSectionAsync(string displayOrder) =>
        ValidateAsync($"{{\"@type\":\"MenuSection\",\"@id\":\"s1\",\"name\":\"S\",\"menuId\":{{\"@id\":\"m0\",\"displayOrder\":{displayOrder}}},{Date}}}");

    /// <summary>A clean Menu m0 on line 1, then the lines under test.</summary>
    private static Task<Monitor.Probes.Feed.FeedReport> ValidateAsync(params string[] lines) =>
        TestFeeds.ValidateAsync(new[] { Menu("m0") }.Concat(lines), new Monitor.Probes.Feed.Validation.FeedValidationSettings());
}
