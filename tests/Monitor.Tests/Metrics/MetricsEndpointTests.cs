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

        var samples = Exposition.Parse(await monitor.ScrapeAsync());

        Assert.Equal(
        [
            "monitor_observations_total{outcome=\"failure\",signal=\"checkout\"} 2",
            "monitor_observations_total{outcome=\"success\",signal=\"checkout\"} 1",
        ], samples.Series("monitor_observations_total"));
        Assert.Equal(["monitor_alert_state{category=\"orders-blocked\",rule=\"checkout-errors\",severity=\"critical\"} 2"], samples.Series("monitor_alert_state"));
        Assert.Equal(["monitor_alert_transitions_total{kind=\"firing\",rule=\"checkout-errors\"} 1"], samples.Series("monitor_alert_transitions_total"));
        Assert.Equal(["monitor_rule_value{rule=\"checkout-errors\"} 0.5"], samples.Series("monitor_rule_value"));
        Assert.Equal(["monitor_rule_evaluations_total{} 3"], samples.Series("monitor_rule_evaluations_total"));
        Assert.Equal(["monitor_notifications_total{channel=\"email\",outcome=\"sent\"} 1"], samples.Series("monitor_notifications_total"));
    }

    [Fact]
    public async Task Scrape_BeforeAnyProbe_ShowsBuildInfoIdleAlertAndNoOutboxYet()
    {
        await using var monitor = await RunningMonitor.StartAsync();

        var text = await monitor.ScrapeAsync();
        var samples = Exposition.Parse(text);

        var build = Assert.Single(samples, s => s.Name == "monitor_build_info");
        Assert.Equal(1, build.Value);
        Assert.StartsWith(Monitor.Cli.VersionCommand.Version.Split('+')[0], build.Labels["version"], StringComparison.Ordinal);
        Assert.Equal(["monitor_alert_state{category=\"orders-blocked\",rule=\"checkout-errors\",severity=\"critical\"} 0"], samples.Series("monitor_alert_state"));
        Assert.Equal(["monitor_maintenance_active{} 0"], samples.Series("monitor_maintenance_active"));
        // Nothing produces the outbox gauges yet; they appear once something sets them, never as a made-up 0.
        Assert.Empty(samples.Series("monitor_outbox_depth"));
        Assert.Contains("# HELP monitor_outbox_depth ", text, StringComparison.Ordinal);
        Assert.Empty(samples.Series("monitor_probe_success"));
    }

    [Fact]
    public async Task Scrape_Always_HasOnePrefixAndNoUrlsOrSecretsInLabels()
    {
        await using var monitor = await RunningMonitor.StartAsync();
        await monitor.MakeAlertFireAsync();

        var text = await monitor.ScrapeAsync();
        var samples = Exposition.Parse(text);

        Assert.NotEmpty(samples);
        Assert.All(samples, s => Assert.StartsWith("monitor_", s.Name, StringComparison.Ordinal));
        Assert.DoesNotContain("secret-token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", text, StringComparison.Ordinal);
    }
}
