using Monitor.Probes;

namespace Monitor.Metrics;

/// <summary>Records each probe result in the probe metrics.</summary>
internal sealed class ProbeMetricsListener(MonitorMetrics metrics) : IProbeListener
{
    public Task CompletedAsync(ProbeResult result, CancellationToken cancellationToken)
    {
        metrics.RecordProbe(result);
        return Task.CompletedTask;
    }
}
