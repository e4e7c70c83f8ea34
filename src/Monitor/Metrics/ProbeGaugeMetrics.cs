using Monitor.Probes;

namespace Monitor.Metrics;

/// <summary>Copies the named figures of a probe run (feed validation, TLS) into their metrics.</summary>
internal static class ProbeGaugeMetrics
{
    public static void Record(MonitorMetrics metrics, ProbeResult result)
    {
        var g = result.Gauges;
        var at = (result.StartedAt + result.Duration).ToUnixTimeMilliseconds() / 1000.0;
        if (g.TryGetValue("tls_cert_expiry_seconds", out var left))
        {
            metrics.TlsCertExpiry.WithLabels(result.Target).Set(Math.Floor(at + left));
        }

        if (result.Kind != "feed")
        {
            return;
        }

        foreach (var (key, value) in g)
        {
            if (key.StartsWith("entities:", StringComparison.Ordinal))
            {
                var type = key["entities:".Length..];
                metrics.FeedEntities.WithLabels(result.Target, type).Set(value);
                metrics.FeedInvalidEntities.WithLabels(result.Target, type).Set(g.GetValueOrDefault("invalid:" + type));
            }
        }

        if (g.TryGetValue("feed_age_seconds", out var age))
        {
            metrics.FeedLastModified.WithLabels(result.Target).Set(Math.Floor(at - age));
        }

        if (g.TryGetValue("stale_share", out var stale))
        {
            metrics.FeedStaleEntityRatio.WithLabels(result.Target).Set(stale);
        }

        if (g.TryGetValue("bytes", out var bytes))
        {
            metrics.FeedBytes.WithLabels(result.Target).Set(bytes);
        }

        if (g.TryGetValue("duration_seconds", out var seconds))
        {
            metrics.FeedValidationDuration.WithLabels(result.Target).Observe(seconds);
        }
    }
}
