using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Rules.Alerts;

namespace Monitor.Tests.Hosting.Reload;

/// <summary>Reloads of a running daemon: what changes, what is kept, and what a bad config does.</summary>
public sealed class ConfigReloaderTests
{
    [Fact]
    public async Task ReloadAsync_TargetAdded_SchedulesAndRunsIt()
    {
        await using var daemon = await StartWithCheckoutAsync();
        await daemon.WriteConfigAsync(daemon.Target("checkout") + daemon.Target("health"), ReloadHarness.Rule("checkout-errors", "checkout"));

        var outcome = await daemon.Reloader.ReloadAsync("test", CancellationToken.None);

        Assert.True(outcome.Success);
        Assert.Equal(["health"], outcome.Plan!.AddedTargets);
        Assert.True(await daemon.JobExistsAsync("health"));
        await daemon.RunJobAsync("health", fail: false);
        Assert.Contains("monitor_probe_success{target=\"health\",kind=\"http\"} 1", await daemon.ScrapeAsync(), StringComparison.Ordinal);
        using var targets = JsonDocument.Parse(await daemon.Http.GetStringAsync(new Uri("api/v1/targets", UriKind.Relative)));
        Assert.Equal(["checkout", "health"], targets.RootElement.EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReloadAsync_TargetRemoved_UnschedulesItAndDropsItsSeries()
    {
        await using var daemon = await ReloadHarness.StartAsync(
            d => d.Target("checkout") + d.Target("health"), ReloadHarness.Rule("checkout-errors", "checkout"));
        await daemon.RunJobAsync("health", fail: false);
        Assert.Contains("target=\"health\"", await daemon.ScrapeAsync(), StringComparison.Ordinal);
        await daemon.WriteConfigAsync(daemon.Target("checkout"), ReloadHarness.Rule("checkout-errors", "checkout"));

        var outcome = await daemon.Reloader.ReloadAsync("test", CancellationToken.None);

        Assert.True(outcome.Success);
        Assert.Equal(["health"], outcome.Plan!.RemovedTargets);
        Assert.False(await daemon.JobExistsAsync("health"));
        Assert.False(daemon.Catalog.TryGet("health", out _));
        Assert.DoesNotContain("target=\"health\"", await daemon.ScrapeAsync(), StringComparison.Ordinal);
        Assert.True(await daemon.JobExistsAsync("checkout"));
    }

    [Fact]
    public async Task ReloadAsync_FiringRuleThresholdChanged_StaysFiringWithoutNewTransition()
    {
        await using var daemon = await StartWithCheckoutAsync();
        await MakeCheckoutRuleFireAsync(daemon);
        var transitions = TransitionsOf(daemon);
        await daemon.WriteConfigAsync(daemon.Target("checkout"), ReloadHarness.Rule("checkout-errors", "checkout", threshold: 0.4));

        var outcome = await daemon.Reloader.ReloadAsync("test", CancellationToken.None);

        Assert.True(outcome.Success);
        Assert.Equal(["checkout-errors"], outcome.Plan!.ChangedRules);
        var rule = Assert.Single(daemon.Evaluator.Rules);
        Assert.Equal(0.4, ((Monitor.Rules.Definitions.ErrorRatioCondition)rule.Condition).Threshold);
        Assert.Equal(AlertState.Firing, daemon.Evaluator.StateOf(rule));
        Assert.Equal(transitions, TransitionsOf(daemon));
        // The windows were kept too: one more failure still reads 2 failures of 3 samples.
        await daemon.RunJobAsync("checkout", fail: true);
        Assert.Contains("monitor_rule_value{rule=\"checkout-errors\",signal=\"checkout\"} 0.75", await daemon.ScrapeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadAsync_RuleAddedAndOneRemoved_NewRuleEvaluatesAndOldSeriesGo()
    {
        await using var daemon = await ReloadHarness.StartAsync(
            d => d.Target("checkout"), ReloadHarness.Rule("checkout-errors", "checkout") + ReloadHarness.Rule("old-rule", "checkout"));
        await daemon.RunJobAsync("checkout", fail: false);
        await daemon.WriteConfigAsync(daemon.Target("checkout"), ReloadHarness.Rule("checkout-errors", "checkout") + ReloadHarness.Rule("new-rule", "checkout"));

        var outcome = await daemon.Reloader.ReloadAsync("test", CancellationToken.None);

        Assert.Equal(["new-rule"], outcome.Plan!.AddedRules);
        Assert.Equal(["old-rule"], outcome.Plan.RemovedRules);
        Assert.Equal(["checkout-errors", "new-rule"], daemon.Evaluator.Rules.Select(r => r.Name));
        var metrics = await daemon.ScrapeAsync();
        Assert.DoesNotContain("old-rule", metrics, StringComparison.Ordinal);
        Assert.Contains("monitor_alert_state{rule=\"new-rule\",severity=\"critical\",category=\"orders-blocked\"} 0", metrics, StringComparison.Ordinal);
        // The unchanged rule kept its window: the sample from before the reload is still counted.
        Assert.Contains("monitor_rule_value{rule=\"checkout-errors\",signal=\"checkout\"} 0", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadAsync_BadConfig_RefusedWithEveryProblemLoggedAndOldConfigRuns()
    {
        await using var daemon = await StartWithCheckoutAsync();
        await daemon.WriteConfigAsync(
            daemon.Target("checkout", ", retries: 99") + daemon.Target("health"),
            ReloadHarness.Rule("checkout-errors", "chekout"));

        var outcome = await daemon.Reloader.ReloadAsync("test", CancellationToken.None);

        Assert.False(outcome.Success);
        Assert.Contains(outcome.Errors, e => e.Path == "monitor:targets:http:0:retries");
        Assert.Contains(outcome.Errors, e => e.Path == "monitor:rules:0:signal");
        foreach (var error in outcome.Errors)
        {
            Assert.Contains(daemon.Logs, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains(error.Path + ": " + error.Message, StringComparison.Ordinal));
        }

        Assert.Contains(daemon.Logs, line => line.Contains("the running configuration stays in force", StringComparison.Ordinal));
        Assert.False(daemon.Catalog.TryGet("health", out _));
        Assert.Equal("checkout", Assert.Single(daemon.Evaluator.Rules).Signal);
        await daemon.RunJobAsync("checkout", fail: false);
        Assert.Contains("monitor_probe_success{target=\"checkout\",kind=\"http\"} 1", await daemon.ScrapeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadAsync_BadThenGoodConfig_ReloadMetricsFollow()
    {
        await using var daemon = await StartWithCheckoutAsync();
        var started = Metric(await daemon.ScrapeAsync(), "monitor_config_last_reload_success_timestamp_seconds");
        Assert.Equal(1, Metric(await daemon.ScrapeAsync(), "monitor_config_last_reload_successful"));
        Assert.InRange(started, TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - 60, TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() + 1);

        await File.WriteAllTextAsync(daemon.ConfigPath, "monitor: [");
        Assert.False((await daemon.Reloader.ReloadAsync("test", CancellationToken.None)).Success);
        var refused = await daemon.ScrapeAsync();
        Assert.Equal(0, Metric(refused, "monitor_config_last_reload_successful"));
        Assert.Equal(started, Metric(refused, "monitor_config_last_reload_success_timestamp_seconds"));

        // The success timestamp has millisecond resolution: wait (boundedly) until the clock has moved past the start's.
        await ReloadHarness.WaitForAsync(() => TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0 > started);
        await daemon.WriteConfigAsync(daemon.Target("checkout"), ReloadHarness.Rule("checkout-errors", "checkout"));
        Assert.True((await daemon.Reloader.ReloadAsync("test", CancellationToken.None)).Success);
        var accepted = await daemon.ScrapeAsync();
        Assert.Equal(1, Metric(accepted, "monitor_config_last_reload_successful"));
        Assert.True(Metric(accepted, "monitor_config_last_reload_success_timestamp_seconds") > started);
    }

    [Fact]
    public async Task ReloadAsync_DuringOpenIncident_IncidentStaysOpenAndNothingResolves()
    {
        await using var daemon = await StartWithCheckoutAsync();
        await MakeCheckoutRuleFireAsync(daemon);
        var open = Assert.Single(await daemon.Incidents.ListAsync(Monitor.Storage.IncidentStatus.Open));
        await daemon.WriteConfigAsync(daemon.Target("checkout") + daemon.Target("health"), ReloadHarness.Rule("checkout-errors", "checkout", threshold: 0.6));

        Assert.True((await daemon.Reloader.ReloadAsync("test", CancellationToken.None)).Success);
        await daemon.RunJobAsync("checkout", fail: true);

        var after = Assert.Single(await daemon.Incidents.ListAsync(Monitor.Storage.IncidentStatus.Open));
        Assert.Equal(open.Id, after.Id);
        Assert.Empty(await daemon.Incidents.ListAsync(Monitor.Storage.IncidentStatus.Resolved));
    }

    [Fact]
    public async Task ReloadAsync_ListenAddressChanged_ReportedAndKept()
    {
        await using var daemon = await StartWithCheckoutAsync();
        var text = await File.ReadAllTextAsync(daemon.ConfigPath);
        await File.WriteAllTextAsync(daemon.ConfigPath, text.Replace("http://127.0.0.1:0", "http://127.0.0.1:1", StringComparison.Ordinal));

        var outcome = await daemon.Reloader.ReloadAsync("test", CancellationToken.None);

        Assert.True(outcome.Success);
        Assert.Equal(["monitor:web"], outcome.Plan!.KeptSections);
        Assert.Contains(daemon.Logs, line => line.Contains("monitor:web changed, but cannot change while the daemon runs", StringComparison.Ordinal));
        Assert.Equal("ok\n", await daemon.Http.GetStringAsync(new Uri("healthz", UriKind.Relative)));
    }

    [Fact]
    public async Task PostReload_WithAndWithoutToken_ReloadsOnlyWithIt()
    {
        await using var daemon = await StartWithCheckoutAsync();
        await daemon.WriteConfigAsync(daemon.Target("checkout") + daemon.Target("health"), ReloadHarness.Rule("checkout-errors", "checkout"));

        using var anonymous = await daemon.Http.PostAsync(new Uri("-/reload", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.False(daemon.Catalog.TryGet("health", out _));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("-/reload", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ReloadHarness.ApiToken);
        using var answer = await daemon.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Equal("reloaded", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("health", body.RootElement.GetProperty("targets").GetProperty("added")[0].GetString());
        Assert.True(daemon.Catalog.TryGet("health", out _));
    }

    [Fact]
    public async Task PostReload_BadConfig_Answers400WithEveryProblem()
    {
        await using var daemon = await StartWithCheckoutAsync();
        await daemon.WriteConfigAsync(daemon.Target("checkout", ", maxRedirects: 50"), ReloadHarness.Rule("checkout-errors", "checkout", threshold: 7));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("-/reload", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ReloadHarness.ApiToken);

        using var answer = await daemon.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var paths = body.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("monitor:targets:http:0:maxRedirects", paths);
        Assert.Contains("monitor:rules:0:threshold", paths);
    }

    [Fact]
    public async Task ReloadOnChange_FileRewritten_ReloadsWithoutSignal()
    {
        const string watch = "  reloadOnChange: true";
        await using var daemon = await ReloadHarness.StartAsync(d => d.Target("checkout"), ReloadHarness.Rule("checkout-errors", "checkout"), watch);
        await daemon.WriteConfigAsync(daemon.Target("checkout") + daemon.Target("health"), ReloadHarness.Rule("checkout-errors", "checkout"), watch);

        // The probe is in the catalog a moment before its job is scheduled: wait for the job, which comes last.
        var scheduled = false;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!scheduled && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            scheduled = await daemon.JobExistsAsync("health");
            await Task.Delay(scheduled ? 0 : 20);
        }

        Assert.True(scheduled, "the added target's job was not scheduled within 15 s");
        Assert.True(daemon.Catalog.TryGet("health", out _));
    }

    [Fact]
    public async Task ReloadAsync_TargetWithSurfaceAndNewContacts_AlertJoinsThatProblemAndMailsTheNewContacts()
    {
        await using var daemon = await StartWithCheckoutAsync();
        var rules = ReloadHarness.Rule("checkout-errors", "checkout") + ReloadHarness.Rule("updates-errors", "order-updates");
        await daemon.WriteConfigAsync(daemon.Target("checkout") + daemon.Target("order-updates", ", surface: updates"), rules);
        var text = await File.ReadAllTextAsync(daemon.ConfigPath);
        await File.WriteAllTextAsync(daemon.ConfigPath, text.Replace("oncall@reload.example", "pager@reload.example", StringComparison.Ordinal));

        var outcome = await daemon.Reloader.ReloadAsync("test", CancellationToken.None);
        await daemon.RunJobAsync("order-updates", fail: false);
        await daemon.RunJobAsync("order-updates", fail: true);
        await daemon.RunJobAsync("order-updates", fail: true);

        Assert.True(outcome.Success);
        Assert.Equal(["monitor:contacts"], outcome.Plan!.ChangedSettings);
        Assert.Empty(outcome.Plan.KeptSections);
        var open = Assert.Single(await daemon.Incidents.ListAsync(Monitor.Storage.IncidentStatus.Open));
        Assert.Equal("updates", open.Problem);
        var mail = Path.Combine(Path.GetDirectoryName(daemon.ConfigPath)!, "data", "mail");
        await ReloadHarness.WaitForAsync(() => Directory.Exists(mail) && Directory.GetFiles(mail, "*.eml").Length > 0);
        var firing = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(mail, "*.eml")));
        Assert.Contains("To: pager@reload.example", firing, StringComparison.Ordinal);
        Assert.DoesNotContain("oncall@reload.example", firing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadAsync_InhibitRuleAddedThenRemoved_OpenIncidentsAlertsJudgedAgainEachTime()
    {
        var targets = (Func<TargetLines, string>)(d => d.Target("checkout") + d.Target("health"));
        var rules = ReloadHarness.Rule("checkout-errors", "checkout") + ReloadHarness.Rule("health-errors", "health");
        await using var daemon = await ReloadHarness.StartAsync(targets, rules);
        foreach (var target in new[] { "checkout", "health" })
        {
            await daemon.RunJobAsync(target, fail: false);
            await daemon.RunJobAsync(target, fail: true);
            await daemon.RunJobAsync(target, fail: true);
        }

        var open = Assert.Single(await daemon.Incidents.ListAsync(Monitor.Storage.IncidentStatus.Open));
        Assert.All((await daemon.Incidents.GetAsync(open.Number))!.Alerts, a => Assert.False(a.Inhibited));
        const string inhibit = """
              incidents:
                inhibit:
                  - { source: { rules: [checkout-errors] }, target: { rules: [health-errors] } }
            """;
        var lines = new TargetLines(daemon.Partner.BaseUrl);
        await daemon.WriteConfigAsync(targets(lines), rules, inhibit);

        var added = await daemon.Reloader.ReloadAsync("test", CancellationToken.None);
        var inhibited = (await daemon.Incidents.GetAsync(open.Number))!.Alerts.ToDictionary(a => a.Rule, a => a.Inhibited);
        await daemon.WriteConfigAsync(targets(lines), rules);
        var removed = await daemon.Reloader.ReloadAsync("test", CancellationToken.None);
        var released = (await daemon.Incidents.GetAsync(open.Number))!.Alerts.ToDictionary(a => a.Rule, a => a.Inhibited);

        Assert.Equal(["monitor:incidents:inhibit"], added.Plan!.ChangedSettings);
        Assert.Equal(new Dictionary<string, bool> { ["checkout-errors"] = false, ["health-errors"] = true }, inhibited);
        Assert.Equal(["monitor:incidents:inhibit"], removed.Plan!.ChangedSettings);
        Assert.Equal(new Dictionary<string, bool> { ["checkout-errors"] = false, ["health-errors"] = false }, released);
        Assert.Equal(open.Id, Assert.Single(await daemon.Incidents.ListAsync(Monitor.Storage.IncidentStatus.Open)).Id);
    }

    private static Task<ReloadHarness> StartWithCheckoutAsync() =>
        ReloadHarness.StartAsync(d => d.Target("checkout"), ReloadHarness.Rule("checkout-errors", "checkout"));

    private static async Task MakeCheckoutRuleFireAsync(ReloadHarness daemon)
    {
        await daemon.RunJobAsync("checkout", fail: false);
        await daemon.RunJobAsync("checkout", fail: true);
        await daemon.RunJobAsync("checkout", fail: true);
        Assert.Equal(AlertState.Firing, daemon.Evaluator.StateOf(daemon.Evaluator.Rules[0]));
    }

    private static string TransitionsOf(ReloadHarness daemon)
    {
        var counter = daemon.App.Services.GetRequiredService<Monitor.Metrics.MonitorMetrics>().AlertTransitions;
        return string.Join(",", counter.GetAllLabelValues().Select(l => $"{string.Join('/', l)}={counter.WithLabels(l).Value}").Order(StringComparer.Ordinal));
    }

    private static double Metric(string exposition, string name)
    {
        var line = exposition.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
