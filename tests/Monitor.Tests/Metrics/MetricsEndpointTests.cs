using Monitor.Tests.Web;

namespace Monitor.Tests.Metrics;

/// <summary>Scrapes <c>/metrics</c> of a running daemon after probes whose outcome the test chose.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Scrape_AfterOneSuccessAndTwoFailures_ShowsExactProbeSeries()
    {
        await using var monitor = await RunningMonitor.StartAsync();
        await monitor.MakeAlertFireAsync();

        var samples = Exposition.Parse(await monitor.ScrapeAsync());

        Assert.Equal(["monitor_probe_success{kind=\"http\",target=\"checkout\"} 0"], samples.Series("monitor_probe_success"));
        Assert.Equal(
        [
            "monitor_probe_runs_total{kind=\"http\",result=\"failure\",target=\"checkout\"} 2",
            "monitor_probe_runs_total{kind=\"http\",result=\"success\",target=\"checkout\"} 1",
        ], samples.Series("monitor_probe_runs_total"));
        // The partner alternates its failures: a 500, then a FoodErrorExtension inside a 200.
        Assert.Equal(
        [
            "monitor_probe_failures_total{kind=\"http\",reason=\"body\",target=\"checkout\"} 1",
            "monitor_probe_failures_total{kind=\"http\",reason=\"status\",target=\"checkout\"} 1",
        ], samples.Series("monitor_probe_failures_total"));
        Assert.Equal(["monitor_probe_duration_seconds_count{kind=\"http\",target=\"checkout\"} 3"], samples.Series("monitor_probe_duration_seconds_count"));
        Assert.Equal(13, samples.Series("monitor_probe_duration_seconds_bucket").Count);
        Assert.Empty(samples.Series("monitor_probe_retries_total"));
        var lastRun = Assert.Single(samples, s => s.Name == "monitor_probe_last_run_timestamp_seconds").Value;
        var now = TimeProvider.System.GetUtcNow();
        Assert.InRange(lastRun, now.AddMinutes(-1).ToUnixTimeSeconds(), now.ToUnixTimeSeconds() + 1);
    }

    [Fact]
    public async Task Scrape_AfterAlertFires_ShowsObservationsAlertAndNotification()
    {
        await using var monitor = await RunningMonitor.StartAsync();
        await monitor.MakeAlertFireAsync();
        // The e-mail leaves through the outbox worker, and the incident gauge is refreshed by the incident tick, a moment after the transition.
        await monitor.WaitForAsync(() => monitor.Metrics.Notifications.WithLabels("pickup", "sent").Value >= 1
            && monitor.Metrics.Incidents.WithLabels("open", "critical", "orders-blocked").Value >= 1);

        var samples = Exposition.Parse(await monitor.ScrapeAsync());

        Assert.Equal(
        [
            "monitor_observations_total{outcome=\"failure\",signal=\"checkout\"} 2",
            "monitor_observations_total{outcome=\"success\",signal=\"checkout\"} 1",
        ], samples.Series("monitor_observations_total"));
        Assert.Equal(["monitor_alert_state{category=\"orders-blocked\",rule=\"checkout-errors\",severity=\"critical\"} 2"], samples.Series("monitor_alert_state"));
        Assert.Equal(["monitor_alert_transitions_total{kind=\"firing\",rule=\"checkout-errors\"} 1"], samples.Series("monitor_alert_transitions_total"));
        Assert.Equal(["monitor_rule_value{rule=\"checkout-errors\",signal=\"checkout\"} 0.6666666666666666"], samples.Series("monitor_rule_value"));
        Assert.Equal(["monitor_rule_threshold{rule=\"checkout-errors\",signal=\"checkout\"} 0.5"], samples.Series("monitor_rule_threshold"));
        Assert.Equal(["monitor_rule_evaluations_total{} 3"], samples.Series("monitor_rule_evaluations_total"));
        Assert.Equal(["monitor_notifications_total{channel=\"pickup\",outcome=\"sent\"} 1"], samples.Series("monitor_notifications_total"));
    }

    [Fact]
    public async Task Scrape_AfterEachEvaluation_FollowsRuleValueAndBurnRatesWithoutTransitions()
    {
        await using var monitor = await RunningMonitor.StartAsync(extraRules: """
                - name: checkout-slo
                  kind: burn-rate
                  signal: checkout
                  objective: 0.75
                  burn: page
                  severity: major
                  category: technical-support
            """);
        await monitor.MakeAlertFireAsync();
        var firing = Exposition.Parse(await monitor.ScrapeAsync());

        // One more success: the checkout alert keeps firing (no transition), and every figure moves.
        await monitor.ProbeAsync(fail: false);
        var after = Exposition.Parse(await monitor.ScrapeAsync());

        // 2 failures in 3 runs, then 2 in 4; against a 25% budget that burns 2.67x, then 2x, over every window:
        // below both page limits, so the slo rule reports the pair closest to holding (6x over 6h and 30m).
        Assert.Equal(
        [
            "monitor_rule_value{rule=\"checkout-errors\",signal=\"checkout\"} 0.6666666666666666",
            "monitor_rule_value{rule=\"checkout-slo\",signal=\"checkout\"} 2.6666666666666665",
        ], firing.Series("monitor_rule_value"));
        Assert.Equal(
        [
            "monitor_rule_value{rule=\"checkout-errors\",signal=\"checkout\"} 0.5",
            "monitor_rule_value{rule=\"checkout-slo\",signal=\"checkout\"} 2",
        ], after.Series("monitor_rule_value"));
        Assert.Equal(
        [
            "monitor_rule_burn_rate{rule=\"checkout-slo\",signal=\"checkout\",window=\"1h\"} 2",
            "monitor_rule_burn_rate{rule=\"checkout-slo\",signal=\"checkout\",window=\"30m\"} 2",
            "monitor_rule_burn_rate{rule=\"checkout-slo\",signal=\"checkout\",window=\"5m\"} 2",
            "monitor_rule_burn_rate{rule=\"checkout-slo\",signal=\"checkout\",window=\"6h\"} 2",
        ], after.Series("monitor_rule_burn_rate"));
        Assert.Equal(["monitor_rule_threshold{rule=\"checkout-slo\",signal=\"checkout\"} 6"], after.Series("monitor_rule_threshold").Where(s => s.Contains("slo", StringComparison.Ordinal)));
        Assert.Equal(["monitor_alert_transitions_total{kind=\"firing\",rule=\"checkout-errors\"} 1"], after.Series("monitor_alert_transitions_total"));
    }

    [Fact]
    public async Task Scrape_BeforeAnyProbe_ShowsBuildInfoIdleAlertEmptyOutboxAndNoIncident()
    {
        await using var monitor = await RunningMonitor.StartAsync();

        var text = await monitor.ScrapeAsync();
        var samples = Exposition.Parse(text);

        var build = Assert.Single(samples, s => s.Name == "monitor_build_info");
        Assert.Equal(1, build.Value);
        Assert.StartsWith(Monitor.Cli.VersionCommand.Version.Split('+')[0], build.Labels["version"], StringComparison.Ordinal);
        Assert.Equal(["monitor_alert_state{category=\"orders-blocked\",rule=\"checkout-errors\",severity=\"critical\"} 0"], samples.Series("monitor_alert_state"));
        Assert.Equal(["monitor_maintenance_active{} 0"], samples.Series("monitor_maintenance_active"));
        // The outbox gauges appear once the incident scheduler has read the store (never as a made-up value): an empty outbox.
        Assert.All(samples.Series("monitor_outbox_depth"), s => Assert.Equal("monitor_outbox_depth{} 0", s));
        Assert.Contains("# HELP monitor_outbox_depth ", text, StringComparison.Ordinal);
        Assert.Empty(samples.Series("monitor_incidents"));
        Assert.Empty(samples.Series("monitor_probe_success"));
    }

    [Fact]
    public async Task Scrape_Always_ShowsTheProcessFiguresOfThisProcess()
    {
        await using var monitor = await RunningMonitor.StartAsync();

        var samples = Exposition.Parse(await monitor.ScrapeAsync());

        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var started = Assert.Single(samples, s => s.Name == "process_start_time_seconds").Value;
        Assert.InRange(started, self.StartTime.ToUniversalTime().Subtract(DateTime.UnixEpoch).TotalSeconds - 1,
            self.StartTime.ToUniversalTime().Subtract(DateTime.UnixEpoch).TotalSeconds + 1);
        Assert.InRange(Assert.Single(samples, s => s.Name == "process_cpu_seconds_total").Value, 0.01, self.TotalProcessorTime.TotalSeconds + 1);
        Assert.InRange(Assert.Single(samples, s => s.Name == "process_working_set_bytes").Value, 1 << 20, 64L << 30);
        Assert.InRange(Assert.Single(samples, s => s.Name == "process_num_threads").Value, 1, 10_000);
        Assert.InRange(Assert.Single(samples, s => s.Name == "dotnet_total_memory_bytes").Value, 1 << 10, 64L << 30);
    }

    [Fact]
    public async Task Scrape_Always_HasOnePrefixAndNoUrlsOrSecretsInLabels()
    {
        await using var monitor = await RunningMonitor.StartAsync();
        await monitor.MakeAlertFireAsync();

        var text = await monitor.ScrapeAsync();
        var samples = Exposition.Parse(text);

        Assert.NotEmpty(samples);
        // The daemon's own series carry its prefix; beside them only the client library's process figures.
        Assert.All(samples, s => Assert.True(
            s.Name.StartsWith("monitor_", StringComparison.Ordinal) || s.Name.StartsWith("process_", StringComparison.Ordinal)
                || s.Name.StartsWith("dotnet_", StringComparison.Ordinal),
            s.Name));
        Assert.DoesNotContain("secret-token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_AfterFeedRun_ShowsEntitiesPerTypeSizeAgeAndStaleShare()
    {
        await using var monitor = await RunningMonitor.StartAsync(withFeed: true);
        await monitor.RunJobAsync(RunningMonitor.Feed);

        var samples = Exposition.Parse(await monitor.ScrapeAsync());

        // The simulated partner's feed: five valid restaurants modified two hours ago.
        // Every entity type (the thirteen of the schema tables) gets a series, zero when absent, so a type that vanishes shows as a drop rather than a gap.
        var entities = samples.Where(s => s.Name == "monitor_feed_entities").ToDictionary(s => s.Labels["type"], s => s.Value);
        Assert.Equal(13, entities.Count);
        Assert.Equal(5, entities["Restaurant"]);
        Assert.All(entities.Where(e => e.Key != "Restaurant"), e => Assert.Equal(0, e.Value));
        Assert.Equal(13, samples.Count(s => s.Name == "monitor_feed_invalid_entities" && s.Value == 0));
        Assert.Equal(["monitor_feed_stale_entity_ratio{target=\"inventory\"} 0"], samples.Series("monitor_feed_stale_entity_ratio"));
        Assert.True(Assert.Single(samples, s => s.Name == "monitor_feed_bytes").Value > 500);
        Assert.Equal(["monitor_feed_validation_duration_seconds_count{target=\"inventory\"} 1"], samples.Series("monitor_feed_validation_duration_seconds_count"));
        Assert.Equal(["monitor_probe_runs_total{kind=\"feed\",result=\"success\",target=\"inventory\"} 1"], samples.Series("monitor_probe_runs_total"));
    }

    [Fact]
    public async Task Scrape_AfterIngestBatch_CountsLinesByActionOutcomeAndRejects()
    {
        await using var monitor = await RunningMonitor.StartAsync();
        using var response = await monitor.IngestAsync(
            """{"action":"submit_order","restaurantId":"r1","status":200}""",
            """{"action":"submit_order","restaurantId":"r2","status":500}""",
            """{"action":"submit_order","restaurantId":"r3","status":200}""",
            "{not json");

        var samples = Exposition.Parse(await monitor.ScrapeAsync());

        Assert.Equal(
        [
            "monitor_ingest_lines_total{action=\"submit_order\",outcome=\"failure\"} 1",
            "monitor_ingest_lines_total{action=\"submit_order\",outcome=\"success\"} 2",
        ], samples.Series("monitor_ingest_lines_total"));
        Assert.Single(samples.Series("monitor_ingest_rejected_lines_total"));
        Assert.Equal(
        [
            "monitor_observations_total{outcome=\"failure\",signal=\"submit_order\"} 1",
            "monitor_observations_total{outcome=\"success\",signal=\"submit_order\"} 2",
        ], samples.Series("monitor_observations_total"));
        Assert.DoesNotContain("r1", string.Join("\n", samples.SelectMany(s => s.Labels.Values)), StringComparison.Ordinal);
    }
}
