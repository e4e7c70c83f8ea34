using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Metrics;
using Monitor.Tests.Ingest;

namespace Monitor.Tests.Ingest.Agents;

public sealed class AgentReportEndpointTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private CentralTestHost _central = null!;

    public async Task InitializeAsync() => _central = await CentralTestHost.StartAsync(_folder.PathOf("central"));

    public async Task DisposeAsync()
    {
        await _central.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Report_WrongToken_Is401AndRecordsNothing()
    {
        using var response = await _central.ReportAsync(Report("a", Item(1, "fulfillment")), "not-a-token-of-anyone");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(_central.Board.Last("fulfillment", "a"));
    }

    [Fact]
    public async Task Report_TokenOfAnotherLocation_Is403()
    {
        using var response = await _central.ReportAsync(Report("a", Item(1, "fulfillment")), CentralTestHost.TokenOf("b"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("this token belongs to location 'b', not 'a'", answer.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Report_MixedBatch_AcceptsGoodItemsAndNamesEachBadOne()
    {
        var now = _central.Time.GetUtcNow();
        var body = Report("a",
            Item(1, "fulfillment"),
            Item(2, "no-such-target"),
            "{\"seq\":3,\"target\":\"fulfillment\",\"success\":\"yes\",\"startedAt\":\"" + Iso(now) + "\"}",
            Item(4, "fulfillment", at: now.AddMinutes(5)),
            "42",
            Item(6, "fulfillment", success: false));

        using var response = await _central.ReportAsync(body, CentralTestHost.TokenOf("a"));
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, answer.RootElement.GetProperty("accepted").GetInt32());
        var errors = answer.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("reason").GetString())).ToList();
        Assert.Equal([(1, "unknown-target"), (2, "malformed"), (3, "future"), (4, "malformed")], errors);
        Assert.False(_central.Board.Last("fulfillment", "a")!.Success);
        var metrics = _central.Services.GetRequiredService<Monitor.Ingest.Agents.AgentIngestMetrics>();
        Assert.Equal(1, metrics.Results.WithLabels("a", "future").Value);
        Assert.Equal(2, metrics.Results.WithLabels("a", "accepted").Value);
    }

    [Fact]
    public async Task Report_ForATargetAReloadAdded_RefusedBeforeAndAcceptedAfter()
    {
        using var before = await _central.ReportAsync(Report("a", Item(1, "health")), CentralTestHost.TokenOf("a"));
        var path = _folder.PathOf("central") + "/central.yaml";
        var yaml = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, yaml.Replace("        interval: 30s\n", "        interval: 30s\n      - name: health\n        url: \"http://127.0.0.1:9/up\"\n        interval: 30s\n", StringComparison.Ordinal));

        var reload = await _central.Services.GetRequiredService<Monitor.Hosting.Reload.ConfigReloader>().ReloadAsync("test", CancellationToken.None);
        using var after = await _central.ReportAsync(Report("a", Item(2, "health")), CentralTestHost.TokenOf("a"));

        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        Assert.Equal(["health"], reload.Plan!.AddedTargets);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.True(_central.Board.Last("health", "a")!.Success);
    }

    [Fact]
    public async Task Report_OnlyBadItems_Is400WithEachReason()
    {
        using var response = await _central.ReportAsync(Report("a", Item(1, "unknown")), CentralTestHost.TokenOf("a"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"reason\":\"unknown-target\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_NotJson_Is400()
    {
        using var response = await _central.ReportAsync("{\"results\": [", CentralTestHost.TokenOf("a"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not JSON", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_SameSequenceTwice_CountsItOnce()
    {
        var body = Report("a", Item(1, "fulfillment"), Item(2, "fulfillment"));
        (await _central.ReportAsync(body, CentralTestHost.TokenOf("a"))).Dispose();

        using var again = await _central.ReportAsync(body, CentralTestHost.TokenOf("a"));
        using var answer = JsonDocument.Parse(await again.Content.ReadAsStringAsync());

        Assert.Equal(0, answer.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(2, answer.RootElement.GetProperty("duplicates").GetInt32());
        Assert.Equal(2, _central.Board.Agent("a")!.Accepted);
    }

    [Fact]
    public async Task Report_ResentAfterTheCentralRestarted_IsADuplicate()
    {
        (await _central.ReportAsync(Report("a", Item(1, "fulfillment"), Item(2, "fulfillment")), CentralTestHost.TokenOf("a"))).Dispose();
        await _central.DisposeAsync();

        // The answer was lost: the agent sends the same results again, with one new one, to the restarted central.
        _central = await CentralTestHost.StartAsync(_folder.PathOf("central"));
        using var again = await _central.ReportAsync(Report("a", Item(1, "fulfillment"), Item(2, "fulfillment"), Item(3, "fulfillment")), CentralTestHost.TokenOf("a"));
        using var answer = JsonDocument.Parse(await again.Content.ReadAsStringAsync());

        Assert.Equal((1, 2), (answer.RootElement.GetProperty("accepted").GetInt32(), answer.RootElement.GetProperty("duplicates").GetInt32()));
        Assert.Equal((1L, 0L), (_central.Board.Agent("a")!.Accepted, _central.Board.Agent("a")!.Gaps));
    }

    [Fact]
    public async Task Report_AgentClockAhead_ReportsSkewPerAgent()
    {
        var body = Report("b", sentAt: _central.Time.GetUtcNow().AddSeconds(12), items: Item(1, "fulfillment"));

        using var response = await _central.ReportAsync(body, CentralTestHost.TokenOf("b"));
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(12, answer.RootElement.GetProperty("clockSkewSeconds").GetDouble(), 1);
        Assert.Equal(12, _central.Board.Agent("b")!.ClockSkewSeconds!.Value, 1);
        var scrape = await _central.Client.GetStringAsync("/metrics");
        Assert.Contains("monitor_agent_clock_skew_seconds{location=\"b\"} 12", scrape, StringComparison.Ordinal);
        Assert.Contains("monitor_location_probe_success{target=\"fulfillment\",location=\"b\"} 1", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_AfterReportsWithTokens_NeverShowsAToken()
    {
        (await _central.ReportAsync(Report("a", Item(1, "fulfillment")), CentralTestHost.TokenOf("a"))).Dispose();
        (await _central.ReportAsync(Report("a", Item(2, "fulfillment")), "wrong-token-0123456789")).Dispose();

        var pages = string.Concat(
            await _central.Client.GetStringAsync("/metrics"),
            await _central.Client.GetStringAsync("/api/v1/locations"),
            await _central.Client.GetStringAsync("/locations"),
            await _central.Client.GetStringAsync("/api/v1/status"));

        Assert.DoesNotContain("token-0123456789", pages, StringComparison.Ordinal);
        Assert.Contains("monitor_agent_reports_received_total{location=\"unknown\",code=\"401\"} 1", pages, StringComparison.Ordinal);
    }

    [Monitor.Tests.Web.ToolFact("promtool")]
    public async Task Scrape_AfterReportsAndRefusals_PassesPromtool()
    {
        (await _central.ReportAsync(Report("a", sentAt: _central.Time.GetUtcNow(), items: [Item(1, "fulfillment"), Item(2, "nope")]), CentralTestHost.TokenOf("a"))).Dispose();
        (await _central.ReportAsync(Report("a", Item(3, "fulfillment")), "wrong-token-0123456789")).Dispose();
        var scrape = await _central.Client.GetStringAsync("/metrics");

        var run = await Monitor.Tests.Web.ExternalTool.RunAsync("promtool", ["check", "metrics"], TimeSpan.FromSeconds(30), scrape);

        Assert.True(run.ExitCode == 0 && run.Output.Length == 0 && run.Error.Length == 0, $"promtool (exit {run.ExitCode}):\n{run.Output}{run.Error}");
    }

    [Fact]
    public async Task Locations_AfterReports_ShowEachTargetPerLocationWithReasonAndAge()
    {
        (await _central.ReportAsync(Report("a", Item(1, "fulfillment", success: false)), CentralTestHost.TokenOf("a"))).Dispose();
        (await _central.ReportAsync(Report("b", Item(1, "fulfillment")), CentralTestHost.TokenOf("b"))).Dispose();
        _central.Time.Advance(TimeSpan.FromSeconds(20));

        using var view = JsonDocument.Parse(await _central.Client.GetStringAsync("/api/v1/locations"));

        var cells = view.RootElement.GetProperty("targets")[0].GetProperty("locations").EnumerateArray()
            .ToDictionary(l => l.GetProperty("location").GetString()!, l => l);
        Assert.Equal(["central", "a", "b", "c"], cells.Keys);
        Assert.Equal("down", cells["a"].GetProperty("state").GetString());
        Assert.Equal("connect", cells["a"].GetProperty("reason").GetString());
        Assert.Equal(20, cells["a"].GetProperty("ageSeconds").GetDouble(), 0);
        Assert.Equal("up", cells["b"].GetProperty("state").GetString());
        Assert.Equal("unknown", cells["c"].GetProperty("state").GetString());
        var agents = view.RootElement.GetProperty("agents").EnumerateArray().ToDictionary(a => a.GetProperty("location").GetString()!, a => a.GetProperty("stale").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["a"] = false, ["b"] = false, ["c"] = true }, agents);
    }

    [Fact]
    public async Task Evaluate_AgentSilentPastStaleAfter_RaisesLocationStale()
    {
        (await _central.ReportAsync(Report("a", Item(1, "fulfillment")), CentralTestHost.TokenOf("a"))).Dispose();
        (await _central.ReportAsync(Report("b", Item(1, "fulfillment")), CentralTestHost.TokenOf("b"))).Dispose();
        _central.Time.Advance(TimeSpan.FromMinutes(1));
        (await _central.ReportAsync(Report("a", Item(2, "fulfillment")), CentralTestHost.TokenOf("a"))).Dispose();
        (await _central.ReportAsync(Report("b", Item(2, "fulfillment")), CentralTestHost.TokenOf("b"))).Dispose();
        _central.Time.Advance(TimeSpan.FromMinutes(1.5));

        await _central.Evaluator.EvaluateAsync(CancellationToken.None);

        // c never reported since the start (2.5 minutes ago); a and b reported 1.5 minutes ago.
        var stale = _central.Sink!.Transitions.Where(t => t.Rule == "location-stale").ToList();
        var only = Assert.Single(stale);
        Assert.Equal("location:c", only.Signal);
        Assert.False(only.IsUrgent);
    }

    internal static string Report(string location, params string[] items) => Report(location, null, items);

    internal static string Report(string location, DateTimeOffset? sentAt, params string[] items) =>
        "{\"location\":\"" + location + "\",\"spool\":\"s-" + location + "\""
        + (sentAt is { } s ? ",\"sentAt\":\"" + Iso(s) + "\"" : "")
        + ",\"dropped\":0,\"results\":[" + string.Join(",", items) + "]}";

    private string Item(long seq, string target, bool success = true, DateTimeOffset? at = null) =>
        "{\"seq\":" + seq.ToString(CultureInfo.InvariantCulture) + ",\"target\":\"" + target + "\",\"kind\":\"http\",\"startedAt\":\""
        + Iso(at ?? _central.Time.GetUtcNow()) + "\",\"durationSeconds\":0.01,\"success\":" + (success ? "true" : "false")
        + (success ? ",\"detail\":\"ok\"" : ",\"reason\":\"connect\",\"detail\":\"connection refused\"") + "}";

    private static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
