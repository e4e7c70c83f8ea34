using System.Text;

namespace Monitor.Tests.Probes.Feed;

/// <summary>Inputs that are not feeds at all must give a report, never an exception.</summary>
public sealed class FeedValidatorDamagedInputTests
{
    [Fact]
    public async Task ValidateAsync_TruncatedFile_ReportsLastLineAsParseError()
    {
        var bytes = TestFeeds.Bytes(TestFeeds.ValidLines(2));
        var truncated = bytes.AsSpan(0, bytes.Length - 30).ToArray();

        var report = await TestFeeds.ValidateAsync(truncated);

        var sample = Assert.Single(report.Samples);
        Assert.Equal(("parse_error", 22L, "OperationHours"), (sample.Reason, sample.Line, sample.Type));
        Assert.Equal(21, report.Entities - report.Invalid);
    }

    [Fact]
    public async Task ValidateAsync_EmptyFile_ReportsEmptyFileIssue()
    {
        var report = await TestFeeds.ValidateAsync(Array.Empty<byte>());

        Assert.Equal(0, report.Entities);
        Assert.Equal("empty", Assert.Single(report.FileIssues).Reason);
    }

    [Fact]
    public async Task ValidateAsync_BinaryFile_ReportsParseErrorsWithoutThrowing()
    {
        var random = new Random(7);
        var bytes = new byte[256 * 1024];
        random.NextBytes(bytes);

        var report = await TestFeeds.ValidateAsync(bytes);

        Assert.True(report.Lines > 100);
        Assert.Equal(report.Entities, report.Type("Unknown").Invalid);
        Assert.All(report.Samples, s => Assert.DoesNotContain(s.Excerpt ?? "", c => char.IsControl(c)));
    }

    [Fact]
    public async Task ValidateAsync_TenMegabyteSingleLine_ReportsEntityTooLargeAndGoesOn()
    {
        var huge = new StringBuilder("{\"@type\":\"Menu\",\"@id\":\"huge\",\"description\":\"");
        huge.Append('x', 10 * 1024 * 1024).Append("\"}");
        var lines = new List<string> { "{\"@type\":\"Menu\",\"@id\":\"a\"}", huge.ToString(), "{\"@type\":\"Menu\",\"@id\":\"b\",\"x\":null}" };

        var report = await TestFeeds.ValidateAsync(lines);

        Assert.Equal(3, report.Lines);
        Assert.Equal(3, report.Type("Menu").Entities);
        Assert.Equal(
            [("entity_too_large", 2L), ("null_value", 3L)],
            report.Samples.Select(s => (s.Reason, s.Line)));
    }

    [Fact]
    public async Task ValidateAsync_MenuTreeOverFourMegabytes_ReportsTreeTooLargeOnceWhereItCrosses()
    {
        var description = new string('x', 900 * 1024);
        var lines = new List<string>
        {
            "{\"@type\":\"Menu\",\"@id\":\"m\"}",
            "{\"@type\":\"MenuSection\",\"@id\":\"s\",\"name\":\"n\",\"menuId\":{\"@id\":\"m\"}}",
        };
        for (var i = 0; i < 5; i++)
        {
            lines.Add($"{{\"@type\":\"MenuItem\",\"@id\":\"i{i}\",\"name\":\"n\",\"description\":\"{description}\",\"parentMenuSectionId\":\"s\"}}");
        }

        lines.Add("{\"@type\":\"MenuItemOffer\",\"@id\":\"o\",\"sku\":\"o\",\"menuItemId\":\"i0\",\"price\":1,\"priceCurrency\":\"USD\"}");

        var report = await TestFeeds.ValidateAsync(lines);

        var sample = Assert.Single(report.Samples);
        Assert.Equal(("tree_too_large", 7L, "Menu"), (sample.Reason, sample.Line, sample.Type));
        Assert.Equal(1, report.Type("Menu").Invalid);
        Assert.Equal(0, report.Type("MenuItem").Invalid);
    }

    [Fact]
    public async Task ValidateAsync_TenMegabyteLineWithoutNewline_ReportsEntityTooLarge()
    {
        var bytes = new byte[10 * 1024 * 1024];
        bytes.AsSpan().Fill((byte)'a');

        var report = await TestFeeds.ValidateAsync(bytes);

        var sample = Assert.Single(report.Samples);
        Assert.Equal(("entity_too_large", 1L, "Unknown"), (sample.Reason, sample.Line, sample.Type));
    }
}
