using Monitor.Probes;
using Monitor.Probes.Feed;
using Monitor.Probes.Http;

namespace Monitor.Metrics;

/// <summary>
/// Turns the named measurements a probe run reports (<see cref="ProbeResult.Gauges"/>) into the
/// matching metrics. Keys are those written by <see cref="HttpProbe"/> and by the feed probe's
/// <see cref="FeedGauges"/>; unknown keys are left out so that no producer can mint new series by accident.
/// </summary>
internal static class ProbeGaugeMetrics
{
    public static void Record(MonitorMetrics metrics, ProbeResult result)
    {
        var gauges = result.Gauges;
        if (gauges.Count == 0)
        {
            return;
        }

        // Points in time are derived from the end of the run, to the whole second: the figures are measured then.
        var finished = (result.StartedAt + result.Duration).ToUnixTimeMilliseconds() / 1000.0;
        foreach (var (key, value) in gauges)
        {
            switch (key)
            {
                case HttpProbe.CertExpiryGauge:
                    metrics.TlsCertExpiry.WithLabels(result.Target).Set(Math.Floor(finished + value));
                    break;
                case HttpProbe.DnsGauge:
                    metrics.ProbePhase.WithLabels(result.Target, "dns").Set(value);
                    break;
                case HttpProbe.ConnectGauge:
                    metrics.ProbePhase.WithLabels(result.Target, "connect").Set(value);
                    break;
                case FeedGauges.FeedAgeSeconds:
                    metrics.FeedLastModified.WithLabels(result.Target).Set(Math.Floor(finished - value));
                    break;
                case FeedGauges.StaleShare:
                    metrics.FeedStaleEntityRatio.WithLabels(result.Target).Set(value);
                    break;
                case FeedGauges.Bytes:
                    metrics.FeedBytes.WithLabels(result.Target).Set(value);
                    break;
                case FeedGauges.DurationSeconds:
                    metrics.FeedValidationDuration.WithLabels(result.Target).Observe(value);
                    break;
                case FeedGauges.RestaurantsDropped:
                    metrics.FeedRestaurantsDropped.WithLabels(result.Target).Set(value);
                    break;
                case var k when k.StartsWith(FeedGauges.EntitiesPrefix, StringComparison.Ordinal):
                    metrics.FeedEntities.WithLabels(result.Target, k[FeedGauges.EntitiesPrefix.Length..]).Set(value);
                    break;
                case var k when k.StartsWith(FeedGauges.InvalidPrefix, StringComparison.Ordinal):
                    metrics.FeedInvalidEntities.WithLabels(result.Target, k[FeedGauges.InvalidPrefix.Length..]).Set(value);
                    break;
            }
        }
    }
}
