using Monitor.Alerting;
using Monitor.Metrics;
using Quartz;

namespace Monitor.Probes;

/// <summary>Runs one target's probe; Quartz never runs two at once for the same target.</summary>
[DisallowConcurrentExecution]
internal sealed partial class ProbeJob(ProbeCatalog catalog, AlertEvaluator evaluator, MonitorMetrics metrics, ILogger<ProbeJob> logger) : IJob
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

        metrics.RecordProbe(result);
        ProbeSignals.Record(evaluator, result);
        if (result.Success)
        {
            LogProbeSucceeded(result.Target, result.Detail);
        }
        else
        {
            LogProbeFailed(result.Target, result.Reason ?? "unknown", result.Detail);
        }

        // Evaluate at once so that detection does not wait for the next evaluation tick: an HTTP run records only its own
        // signal and its certificate's, so only their alerts are evaluated; a feed run records many signals.
        if (result.Kind == "http")
        {
            await evaluator.EvaluateSignalsAsync([result.Target, ProbeSignals.TlsPrefix + result.Target], cancellationToken);
        }
        else
        {
            await evaluator.EvaluateAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probe {Target} succeeded: {Detail}")]
    private partial void LogProbeSucceeded(string target, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Probe {Target} failed ({Reason}): {Detail}")]
    private partial void LogProbeFailed(string target, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "No probe named {Target}")]
    private partial void LogUnknownTarget(string target);
}
