using Monitor.Configuration;
using Monitor.Metrics;
using Monitor.Probes;

namespace Monitor.Agent;

/// <summary>
/// Runs every target at its interval and puts each result in the spool (then wakes the reporter). The agent keeps
/// no rules and no database: results are judged by the central.
/// </summary>
internal sealed partial class AgentProbeRunner(
    TargetsOptions targets, ProbeCatalog catalog, ResultSpool spool, AgentReporter reporter, MonitorMetrics probeMetrics, AgentMetrics metrics,
    TimeProvider time, ILogger<AgentProbeRunner> logger) : BackgroundService
{
    /// <summary>The largest random start offset, so that targets with one interval do not all start in the same second.</summary>
    private static readonly TimeSpan MaxJitter = TimeSpan.FromSeconds(10);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedules = targets.Http.Select(t => (t.Name, t.Interval))
            .Concat(targets.Feeds.Select(f => (f.Name, f.Interval)));
        var loops = new List<Task>();
        foreach (var (name, interval) in schedules)
        {
            if (catalog.TryGet(name, out var probe))
            {
                loops.Add(RunEveryAsync(probe, Duration.Parse(interval), stoppingToken));
            }
        }

        return Task.WhenAll(loops);
    }

    /// <summary>Runs one probe now and spools its result.</summary>
    public async Task<ProbeResult> RunOnceAsync(IProbe probe, CancellationToken cancellationToken)
    {
        var result = await probe.RunAsync(cancellationToken);
        probeMetrics.RecordProbe(result);
        var (sequence, dropped) = spool.Append(s => AgentResult.From(result, s).ToJson());
        if (dropped > 0)
        {
            metrics.SpoolDropped.Inc(dropped);
            LogDropped(dropped, sequence);
        }

        metrics.SpoolResults.Set(spool.Count);
        if (!result.Success)
        {
            LogProbeFailed(result.Target, result.Reason ?? "unknown", result.Detail);
        }

        reporter.Wake();
        return result;
    }

    /// <summary>Runs every probe once, in configuration order (for tests and a first round).</summary>
    public async Task RunAllOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var probe in catalog.All)
        {
            await RunOnceAsync(probe, cancellationToken);
        }
    }

    private async Task RunEveryAsync(IProbe probe, TimeSpan every, CancellationToken stoppingToken)
    {
        try
        {
            var jitter = TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * Math.Min(every.Ticks, MaxJitter.Ticks) / 2));
            await Task.Delay(jitter, time, stoppingToken);
            using var timer = new PeriodicTimer(every, time);
            do
            {
                await RunOnceAsync(probe, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Probe {Target} failed ({Reason}): {Detail}")]
    private partial void LogProbeFailed(string target, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spool full: dropped the {Count} oldest results (now at result {Sequence}); the central will be told")]
    private partial void LogDropped(int count, long sequence);
}
