using Monitor.Configuration;

namespace Monitor.Ingest.Tail;

/// <summary>Polls the tailed files on a <see cref="TimeProvider"/> timer, and once more when stopping.</summary>
internal sealed partial class TailService(LogTailer tailer, IngestOptions options, TimeProvider time, ILogger<TailService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The timer exists before the first await, so the clock can be moved as soon as the service started.
        using var timer = new PeriodicTimer(Duration.Parse(options.Tail.PollInterval), time);
        await Task.Yield();
        Poll();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Poll();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Poll()
    {
        try
        {
            tailer.PollNow();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            LogPollFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Tailing failed; retried at the next poll")]
    private partial void LogPollFailed(Exception exception);
}
