using Monitor.Metrics;
using Monitor.Tests.Web;
using Prometheus;

namespace Monitor.Tests.Metrics;

/// <summary>Prometheus' own linter on a real scrape, and on the shipped Prometheus files.</summary>
public sealed class PromtoolCheckTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [ToolFact("promtool")]
    public async Task CheckMetrics_ScrapeAfterProbesAndAlert_ReportsNothing()
    {
        await using var monitor = await RunningMonitor.StartAsync();
        await monitor.MakeAlertFireAsync();
        var scrape = await monitor.ScrapeAsync();

        var run = await ExternalTool.RunAsync("promtool", ["check", "metrics"], Limit, scrape);

        Assert.True(run.ExitCode == 0 && run.Output.Length == 0 && run.Error.Length == 0,
            $"promtool check metrics (exit {run.ExitCode}):\n{run.Output}{run.Error}");
    }

    [ToolFact("promtool")]
    public async Task CheckMetrics_EveryMetricGivenAValue_ReportsNothing()
    {
        // The metrics other parts of the daemon will feed (feeds, TLS, ingest, incidents, outbox) must lint clean too.
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new MonitorMetrics(registry);
        metrics.TlsCertExpiry.WithLabels("checkout").Set(1_800_000_000);
        metrics.FeedLastModified.WithLabels("inventory").Set(1_790_000_000);
        metrics.FeedEntities.WithLabels("inventory", "Restaurant").Set(120);
        metrics.FeedInvalidEntities.WithLabels("inventory", "Menu").Set(3);
        metrics.FeedStaleEntityRatio.WithLabels("inventory").Set(0.01);
        metrics.FeedBytes.WithLabels("inventory").Set(5_000_000);
        metrics.FeedValidationDuration.WithLabels("inventory").Observe(2.5);
        metrics.IngestLines.WithLabels("checkout", "success").Inc(10);
        metrics.IngestRejectedLines.WithLabels("json").Inc();
        metrics.RuleBurnRate.WithLabels("checkout-slo", "checkout", "1h").Set(14.4);
        metrics.RuleValue.WithLabels("checkout-slo", "checkout").Set(double.NaN);
        metrics.RuleThreshold.WithLabels("checkout-slo", "checkout").Set(14.4);
        metrics.Incidents.WithLabels("open", "critical", "orders-blocked").Set(1);
        metrics.Cases.WithLabels("email", "sent").Inc();
        metrics.OutboxDepth.Set(2);
        metrics.OutboxOldestAge.Set(30);
        metrics.MaintenanceActive.Set(1);
        metrics.ProbeRetries.WithLabels("checkout", "http").Inc();
        metrics.ProbePhase.WithLabels("checkout", "dns").Set(0.002);
        metrics.FeedRestaurantsDropped.WithLabels("inventory").Set(2);
        metrics.IngestRequests.WithLabels("200").Inc();
        metrics.IngestQueued.Set(5);
        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);

        var run = await ExternalTool.RunAsync("promtool", ["check", "metrics"], Limit, System.Text.Encoding.UTF8.GetString(text.ToArray()));

        Assert.True(run.ExitCode == 0 && run.Output.Length == 0 && run.Error.Length == 0,
            $"promtool check metrics (exit {run.ExitCode}):\n{run.Output}{run.Error}");
    }

    [ToolFact("promtool")]
    public async Task CheckConfig_ShippedScrapeConfig_IsValidWithItsRules()
    {
        var run = await ExternalTool.RunAsync("promtool", ["check", "config", Shipped("prometheus.yml")], Limit);

        Assert.True(run.ExitCode == 0, $"promtool check config (exit {run.ExitCode}):\n{run.Output}{run.Error}");
        Assert.Contains("SUCCESS: 1 rule files found", run.Output + run.Error, StringComparison.Ordinal);
    }

    [ToolFact("promtool")]
    public async Task CheckRules_ShippedAlertingRules_AreValid()
    {
        var run = await ExternalTool.RunAsync("promtool", ["check", "rules", Shipped("monitor-alerts.yml")], Limit);

        Assert.True(run.ExitCode == 0, $"promtool check rules (exit {run.ExitCode}):\n{run.Output}{run.Error}");
        Assert.Contains("SUCCESS: 17 rules found", run.Output + run.Error, StringComparison.Ordinal);
    }

    [ToolFact("promtool")]
    public async Task TestRules_ShippedAlertingRules_FireOnErrorsAndOnADeadDaemon()
    {
        var run = await ExternalTool.RunAsync("promtool", ["test", "rules", Shipped("monitor-alerts.test.yml")], Limit);

        Assert.True(run.ExitCode == 0, $"promtool test rules (exit {run.ExitCode}):\n{run.Output}{run.Error}");
    }

    private static string Shipped(string file) => Path.Combine(RealPrometheus.RepositoryRoot(), "config", "prometheus", file);
}
