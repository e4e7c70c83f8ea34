using Monitor.Configuration;

namespace Monitor.Incidents;

/// <summary>Runs the incident manager's tick (reminders, escalation, due cases, digests, maintenance) at the configured interval.</summary>
internal sealed partial class IncidentScheduler(IncidentTicker ticker, IncidentMetrics status, IncidentsOptions options, SecretRedactor redactor, TimeProvider time, ILogger<IncidentScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Duration.Parse(options.TickInterval), time);
        do
        {
            try
            {
                await ticker.TickAsync(stoppingToken);
                await status.UpdateMetricsAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogTickFailed(redactor.Redact(e.Message));
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Incident tick failed; retried at the next interval: {Error}")]
    private partial void LogTickFailed(string error);
}
