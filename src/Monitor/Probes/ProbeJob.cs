using Quartz;

namespace Monitor.Probes;

/// <summary>Runs one target's probe; Quartz never runs two at once for the same target.</summary>
[DisallowConcurrentExecution]
internal sealed partial class ProbeJob(ProbeCatalog catalog, IEnumerable<IProbeListener> listeners, ILogger<ProbeJob> logger) : IJob
{
    public const string TargetKey = "target";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.MergedJobDataMap.GetString(TargetKey) ?? "";
        if (!catalog.TryLease(name, out var lease))
        {
            LogUnknownTarget(name);
            return;
        }

        ProbeResult result;
        using (lease)
        {
            result = await lease.Probe.RunAsync(cancellationToken);
        }

        if (result.Success)
        {
            LogProbeSucceeded(result.Target, result.Detail);
        }
        else
        {
            LogProbeFailed(result.Target, result.Reason ?? "unknown", result.Detail);
        }

        // Metrics first, then the rules (which evaluate at once so that detection does not wait for the next tick).
        foreach (var listener in listeners)
        {
            await listener.CompletedAsync(result, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probe {Target} succeeded: {Detail}")]
    private partial void LogProbeSucceeded(string target, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Probe {Target} failed ({Reason}): {Detail}")]
    private partial void LogProbeFailed(string target, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "No probe named {Target}")]
    private partial void LogUnknownTarget(string target);
}
