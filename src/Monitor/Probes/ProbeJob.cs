using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Metrics;
using Monitor.Rules.Locations;
using Quartz;

namespace Monitor.Probes;

/// <summary>Runs one target's probe; Quartz never runs two at once for the same target.</summary>
[DisallowConcurrentExecution]
internal sealed partial class ProbeJob(
    ProbeCatalog catalog, AlertEvaluator evaluator, MonitorMetrics metrics, MonitorOptions options, LocationBoard board, ILogger<ProbeJob> logger) : IJob
{
    public const string TargetKey = "target";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.MergedJobDataMap.GetString(TargetKey) ?? "";
        if (!catalog.TryGet(name, out var probe))
        {
            LogUnknownTarget(name);
            return;
        }

        var result = await probe.RunAsync(cancellationToken);
        metrics.RecordProbe(result);
        ProbeSignals.Record(evaluator, result);

        // With agents, the same run is also this daemon's own location's view, for rules with a quorum.
        if (options.Agents.Locations.Count > 0)
        {
            evaluator.Record(result.ToObservation() with { Signal = LocationSignals.Qualify(result.Target, options.Location) });
        }

        board.Record(options.Location, result);
        if (result.Success)
        {
            LogProbeSucceeded(result.Target, result.Detail);
        }
        else
        {
            LogProbeFailed(result.Target, result.Reason ?? "unknown", result.Detail);
        }

        // Evaluate at once so that detection does not wait for the next evaluation tick.
        await evaluator.EvaluateAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probe {Target} succeeded: {Detail}")]
    private partial void LogProbeSucceeded(string target, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Probe {Target} failed ({Reason}): {Detail}")]
    private partial void LogProbeFailed(string target, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "No probe named {Target}")]
    private partial void LogUnknownTarget(string target);
}
