using System.Text.Json;
using Monitor.Cli;

namespace Monitor.Tests.Probes.Feed;

public sealed class ValidateFeedCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => TestFeeds.RunValidateFeedAsync(TestFeeds.Now, args);

    [Fact]
    public async Task Invoke_ValidFeed_ExitsZeroWithTable()
    {
        var path = _dir.Write("feed.ndjson", TestFeeds.Bytes(TestFeeds.ValidLines(3)));

        var (code, output, _) = await RunAsync(path);

        Assert.Equal(ValidateFeedCommand.Ok, code);
        Assert.Matches(@"Restaurant\s+3\s+0\s+0\.0 %", output);
        Assert.Contains("OK: Google's feed alerts would not fire.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_FeedOverErrorThreshold_ExitsOneAndListsBreach()
    {
        var lines = TestFeeds.ValidLines(3);
        lines.Add("{\"@type\":\"Menu\",\"@id\":\"m0\"}");

        var (code, output, _) = await RunAsync(_dir.Write("feed.ndjson", TestFeeds.Bytes(lines)));

        Assert.Equal(ValidateFeedCommand.ThresholdsCrossed, code);
        Assert.Contains("Menu: 1 of 4 invalid", output, StringComparison.Ordinal);
        Assert.Contains("duplicate_id (error, 1): @id is used twice within its type", output, StringComparison.Ordinal);
        Assert.Contains(":34: Menu m0 [@id]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_StaleEntities_ExitsOne()
    {
        var path = _dir.Write("feed.ndjson", TestFeeds.Bytes(TestFeeds.ValidLines(2, TestFeeds.Old)));

        var (code, _, _) = await RunAsync(path);

        Assert.Equal(ValidateFeedCommand.ThresholdsCrossed, code);
    }

    [Fact]
    public async Task Invoke_Json_PrintsMachineReadableReport()
    {
        var lines = TestFeeds.ValidLines(2);
        lines.Insert(3, "{\"@type\":\"ServiceArea\",\"@id\":\"zz\",\"serviceId\":null}");
        var path = _dir.Write("feed.ndjson", TestFeeds.Bytes(lines));

        var (code, output, _) = await RunAsync(path, "--json");

        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(ValidateFeedCommand.ThresholdsCrossed, code);
        Assert.True(root.GetProperty("thresholdsCrossed").GetBoolean());
        Assert.Equal(23, root.GetProperty("entities").GetInt64());
        Assert.Equal(1, root.GetProperty("types").GetProperty("ServiceArea").GetProperty("invalidByReason").GetProperty("null_value").GetInt64());
        var sample = root.GetProperty("samples")[0];
        Assert.Equal((4, "serviceId"), (sample.GetProperty("line").GetInt32(), sample.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Invoke_MissingFile_ExitsTwo()
    {
        var (code, _, error) = await RunAsync(Path.Combine(_dir.Path, "absent.ndjson"));

        Assert.Equal(ValidateFeedCommand.Unusable, code);
        Assert.Contains("missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_EmptyFile_ExitsOneWithFileProblem()
    {
        var (code, output, _) = await RunAsync(_dir.Write("feed.ndjson", []));

        Assert.Equal(ValidateFeedCommand.ThresholdsCrossed, code);
        Assert.Contains("empty", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_ThroughMonitorCommandLine_HelpDocumentsExitCodes()
    {
        using var output = new StringWriter();

        var code = await MonitorCommandLine.InvokeAsync(["validate-feed", "--help"], output);

        Assert.Equal(0, code);
        Assert.Contains("Exit codes: 0 =", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("2 = the input is unusable", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
