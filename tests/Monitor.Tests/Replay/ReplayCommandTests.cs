using System.CommandLine;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Monitor.Cli;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Replay;

public sealed class ReplayCommandTests
{
    private const string RuleFile = """
        rules:
          - name: checkout-down
            signal: checkout
            kind: error-ratio
            window: 1m
            threshold: 0.5
            minErrors: 3
            for: 10s
            severity: critical
            category: orders-blocked
        """;

    private const string Config = """
        monitor:
          contacts:
            technical: [ops@example.com]
          evaluation:
            interval: 10s
          rules:
            - name: checkout-down
              signal: checkout
              kind: error-ratio
              window: 1m
              threshold: 0.5
              minErrors: 3
              for: 10s
              severity: critical
              category: orders-blocked
        """;

    [Fact]
    public async Task Replay_Json_PrintsAlertsIncidentsCasesAndGoogle()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("monitor.yaml", Config);
        var input = dir.Write("outage.ndjson", string.Join('\n', ReplayerTests.OutageLines) + "\n");

        var (code, output, _) = await Invoke(["replay", input, "--config", config, "--json"]);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var alert = Assert.Single(root.GetProperty("alerts").EnumerateArray());
        Assert.Equal("checkout-down", alert.GetProperty("rule").GetString());
        Assert.Equal("critical", alert.GetProperty("severity").GetString());
        Assert.Equal("orders-blocked", alert.GetProperty("category").GetString());
        var firing = Assert.Single(alert.GetProperty("firing").EnumerateArray());
        Assert.Equal("2026-11-28T12:00:30Z", firing.GetProperty("at").GetString());
        Assert.Equal("2026-11-28T12:01:20Z", firing.GetProperty("resolvedAt").GetString());
        var incident = Assert.Single(root.GetProperty("incidents").EnumerateArray());
        Assert.Equal(("INC-1", true, "2026-11-28T12:00:30Z"),
            (incident.GetProperty("id").GetString(), incident.GetProperty("urgent").GetBoolean(), incident.GetProperty("openedAt").GetString()));
        var @case = Assert.Single(root.GetProperty("cases").EnumerateArray());
        Assert.Equal(("urgent", "2026-11-28T12:00:30Z"), (@case.GetProperty("kind").GetString(), @case.GetProperty("at").GetString()));
        Assert.Equal(["checkout errors", "submit-order errors", "payment declined"],
            root.GetProperty("google").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.All(root.GetProperty("google").EnumerateArray(), g => Assert.Equal(JsonValueKind.Null, g.GetProperty("firesAt").ValueKind));
    }

    [Fact]
    public async Task Replay_GzipFile_ReadsTheSameAsPlain()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("rules.yaml", RuleFile);
        var plain = dir.Write("outage.ndjson", string.Join('\n', ReplayerTests.OutageLines) + "\n");
        var gz = Path.Combine(dir.Path, "outage.ndjson.gz");
        await using (var file = File.Create(gz))
        await using (var zip = new GZipStream(file, CompressionLevel.Fastest))
        {
            await zip.WriteAsync(await File.ReadAllBytesAsync(plain));
        }

        var fromPlain = await Invoke(["replay", plain, "--config", rules, "--json"]);
        var fromGzip = await Invoke(["replay", gz, "--config", rules, "--json"]);

        Assert.Equal(0, fromGzip.Code);
        Assert.Equal(fromPlain.Output, fromGzip.Output);
        Assert.Contains("\"replayed\": 7", fromGzip.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_StandardInputCompressed_IsRead()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("rules.yaml", RuleFile);
        var bytes = new MemoryStream();
        await using (var zip = new GZipStream(bytes, CompressionLevel.Fastest, leaveOpen: true))
        {
            await zip.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', ReplayerTests.OutageLines)));
        }

        bytes.Position = 0;
        var (code, output, _) = await Invoke(["replay", "-", "--config", rules], bytes);

        Assert.Equal(0, code);
        Assert.Contains("7 outcomes replayed of 7 lines", output, StringComparison.Ordinal);
        // A bare rule file runs at the daemon's default 5 s interval: pending at 12:00:15, firing 10 s later.
        Assert.Contains("2026-11-28T12:00:25Z  firing       checkout-down on checkout", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_StandardInputAndFile_ReplayInOrder()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("rules.yaml", RuleFile);
        var rest = dir.Write("rest.ndjson", string.Join('\n', ReplayerTests.OutageLines.Skip(3)));
        var first = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', ReplayerTests.OutageLines.Take(3))));

        var (code, output, error) = await Invoke(["replay", "-", rest, "--config", rules], first);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("7 outcomes replayed of 7 lines", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_BadLines_ReportedOnStandardErrorWithFileAndLine()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("rules.yaml", RuleFile);
        var input = dir.Write("bad.ndjson", string.Join('\n', [ReplayerTests.OutageLines[0], "{", ReplayerTests.Line("11:00:00", 200, "r1")]));

        var (code, output, error) = await Invoke(["replay", input, "--config", rules]);

        Assert.Equal(0, code);
        Assert.Contains($"{input}:2: malformed: ", error, StringComparison.Ordinal);
        Assert.Contains($"{input}:3: out-of-order: ", error, StringComparison.Ordinal);
        Assert.Contains("(1 malformed, 1 out of order", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_MissingFile_ExitsWithBadInput()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("rules.yaml", RuleFile);

        var (code, _, error) = await Invoke(["replay", Path.Combine(dir.Path, "none.ndjson"), "--config", rules]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("replay: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_BadRuleFile_ListsTheProblemAndExitsWithBadInput()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("rules.yaml", RuleFile.Replace("window: 1m", "window: soon", StringComparison.Ordinal));
        var input = dir.Write("outage.ndjson", ReplayerTests.OutageLines[0]);

        var (code, _, error) = await Invoke(["replay", input, "--config", rules]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("rules:0:window: 'soon' is not a duration", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_BadFrom_ExitsWithBadInput()
    {
        var (code, _, error) = await Invoke(["replay", "x.ndjson", "--from", "yesterday"]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--from: 'yesterday' is not a time", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> Invoke(string[] args, Stream? standardInput = null)
    {
        var root = new RootCommand();
        root.Options.Add(CommonOptions.Config);
        root.Subcommands.Add(ReplayCommand.Create(standardInput ?? new MemoryStream()));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
