using Monitor.Cli;
using Monitor.Tests.Probes.Feed.Validation;

namespace Monitor.Tests.Probes.Feed;

public sealed class ValidateFeedFormatTests : IDisposable
{
    private static readonly DateTimeOffset NextYear = new(2027, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _dir = new();

    private static Task<(int Code, string Output, string Error)> RunAsync(DateTimeOffset now, params string[] args) => TestFeeds.RunValidateFeedAsync(now, args);

    [Fact]
    public async Task Invoke_FormatGitHub_WritesOneAnnotationPerSampledProblem()
    {
        var lines = TestFeeds.ValidLines(1);
        lines.Add(SchemaEntities.Line("Fee", ("feeType", "\"TIP\"")));
        lines.Add(SchemaEntities.Line("Menu", ("colour", "\"red\"")));
        var path = _dir.Write("feed.ndjson", TestFeeds.Bytes(lines));

        var (code, output, _) = await RunAsync(TestFeeds.Now, path, "--format", "github");

        var annotations = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ValidateFeedCommand.ThresholdsCrossed, code);
        Assert.StartsWith("::error file=", annotations[0], StringComparison.Ordinal);
        Assert.Contains(",line=12,title=bad_enum::Fee @id x-Fee, feeType: not one of the values", annotations[0], StringComparison.Ordinal);
        Assert.Contains(",line=13,title=unknown_property::Menu @id x-Menu, colour", annotations[1], StringComparison.Ordinal);
        Assert.StartsWith("::warning ", annotations[1], StringComparison.Ordinal);
        Assert.StartsWith("::error title=feed alerts would fire::", annotations[^1], StringComparison.Ordinal);
        Assert.Equal(3, annotations.Length);
    }

    [Fact]
    public async Task Invoke_ShippedExampleWithNow_PassesWhateverTheClock()
    {
        var example = Path.Combine(Configuration.ConfigLoaderTests.RepositoryRoot(), "config", "feeds", "example.ndjson");

        var (atNow, output, _) = await RunAsync(NextYear, example, "--now", "2026-11-28T00:00:00Z");
        var (withoutNow, _, _) = await RunAsync(NextYear, example);

        Assert.Equal(ValidateFeedCommand.Ok, atNow);
        Assert.Contains("OK: Google's feed alerts would not fire.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Problems by code", output, StringComparison.Ordinal);
        Assert.Equal(ValidateFeedCommand.ThresholdsCrossed, withoutNow);
    }

    [Fact]
    public async Task Invoke_FreshFeedOnTheClock_Passes()
    {
        var path = _dir.Write("feed.ndjson", TestFeeds.Bytes(TestFeeds.ValidLines(2)));

        var (code, _, _) = await RunAsync(TestFeeds.Now, path);

        Assert.Equal(ValidateFeedCommand.Ok, code);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-11-28T00:00:00")]
    public async Task Invoke_NowWithoutOffset_ExitsTwoSayingWhy(string now)
    {
        var path = _dir.Write("feed.ndjson", TestFeeds.Bytes(TestFeeds.ValidLines(1)));

        var (code, _, error) = await RunAsync(TestFeeds.Now, path, "--now", now);

        Assert.Equal(ValidateFeedCommand.Unusable, code);
        Assert.Contains($"--now: '{now}' is not an ISO 8601 date-time with an offset", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UnknownFormat_ExitsTwo()
    {
        var path = _dir.Write("feed.ndjson", TestFeeds.Bytes(TestFeeds.ValidLines(1)));

        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await MonitorCommandLine.InvokeAsync(["validate-feed", path, "--format", "xml"], output, error);

        Assert.Equal(ValidateFeedCommand.Unusable, code);
        Assert.Contains("xml", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
