using Monitor.Metrics;
using Monitor.Probes;
using Monitor.Probes.Http;

namespace Monitor.Tests.Metrics;

public sealed class ProbeGaugeMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RecordProbe_HttpsRunWithCertificateAndPhases_ExportsExpiryTimestampAndPhaseTimes()
    {
        var metrics = new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry());
        var result = new ProbeResult("checkout", "http", Start, TimeSpan.FromSeconds(1), true, null, "status 200")
        {
            Gauges = new Dictionary<string, double>
            {
                [HttpProbe.CertExpiryGauge] = 86_400 * 10,
                [HttpProbe.DnsGauge] = 0.002,
                [HttpProbe.ConnectGauge] = 0.004,
            },
        };

        metrics.RecordProbe(result);
        var samples = await ScrapeAsync(metrics);

        Assert.Equal([$"monitor_tls_cert_expiry_timestamp_seconds{{target=\"checkout\"}} {Start.AddSeconds(1).AddDays(10).ToUnixTimeSeconds()}"],
            samples.Series("monitor_tls_cert_expiry_timestamp_seconds"));
        Assert.Equal(
        [
            "monitor_probe_phase_seconds{phase=\"connect\",target=\"checkout\"} 0.004",
            "monitor_probe_phase_seconds{phase=\"dns\",target=\"checkout\"} 0.002",
        ], samples.Series("monitor_probe_phase_seconds"));
    }

    [Fact]
    public async Task RecordProbe_FeedRun_ExportsPublicationTimeEntitiesAndDrops()
    {
        var metrics = new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry());
        var result = new ProbeResult("inventory", "feed", Start, TimeSpan.FromSeconds(3), false, "stale", "feed is 30 h old")
        {
            Gauges = new Dictionary<string, double>
            {
                ["feed_age_seconds"] = 30 * 3600,
                ["entities:Menu"] = 40,
                ["invalid:Menu"] = 6,
                ["stale_share"] = 0.025,
                ["restaurants_dropped"] = 2,
                ["lines"] = 1234,
                ["invalid_reason:missing-field"] = 6,
            },
        };

        metrics.RecordProbe(result);
        var samples = await ScrapeAsync(metrics);

        Assert.Equal([$"monitor_feed_last_modified_timestamp_seconds{{target=\"inventory\"}} {Start.AddSeconds(3).AddHours(-30).ToUnixTimeSeconds()}"],
            samples.Series("monitor_feed_last_modified_timestamp_seconds"));
        Assert.Equal(["monitor_feed_entities{target=\"inventory\",type=\"Menu\"} 40"], samples.Series("monitor_feed_entities"));
        Assert.Equal(["monitor_feed_invalid_entities{target=\"inventory\",type=\"Menu\"} 6"], samples.Series("monitor_feed_invalid_entities"));
        Assert.Equal(["monitor_feed_stale_entity_ratio{target=\"inventory\"} 0.025"], samples.Series("monitor_feed_stale_entity_ratio"));
        Assert.Equal(["monitor_feed_restaurants_dropped{target=\"inventory\"} 2"], samples.Series("monitor_feed_restaurants_dropped"));
        // Keys with no metric of their own (line counts, per-reason counts) mint no series.
        Assert.DoesNotContain(samples, s => s.Name.Contains("lines", StringComparison.Ordinal) || s.Name.Contains("reason", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<Sample>> ScrapeAsync(MonitorMetrics metrics)
    {
        using var text = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(text);
        return Exposition.Parse(System.Text.Encoding.UTF8.GetString(text.ToArray()));
    }
}
