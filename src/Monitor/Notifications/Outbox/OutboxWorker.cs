using Monitor.Configuration;
using Monitor.Metrics;
using Monitor.Storage;
using Polly.CircuitBreaker;

namespace Monitor.Notifications.Outbox;

/// <summary>
/// Delivers the outbox: due messages in id order, each stream (an incident, a case channel) strictly in
/// order, through the channel's Polly pipeline. A delivered message is marked sent; a failed one waits
/// (exponential backoff with jitter) and is tried again, across restarts; a permanently refused one is
/// marked failed. A message is only marked sent after its channel accepted it, so a crash in between
/// sends it again with the same Message-ID and idempotency key (at least once; receivers dedupe).
/// </summary>
internal sealed partial class OutboxWorker(
    IMonitorStore store,
    IEnumerable<IDeliveryChannel> channels,
    DeliveryPipelines pipelines,
    OutboxSignal signal,
    DeliveryOptions options,
    SecretRedactor redactor,
    MonitorMetrics metrics,
    TimeProvider time,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private const int BatchSize = 200;

    /// <summary>
    /// How long a delivery already under way may go on once the daemon is stopping. Cancelled at once, an SMTP
    /// transaction whose message the server already took ends before its reply is read: the message is not recorded
    /// as sent, and the next start sends it again. With the grace a normal stop finishes it and records it.
    /// </summary>
    internal static readonly TimeSpan InFlightGrace = TimeSpan.FromSeconds(5);
    private readonly Dictionary<string, IDeliveryChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = Duration.Parse(options.PollInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            int delivered;
            try
            {
                delivered = await DeliverDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(redactor.Redact(e.Message));
                delivered = 0;
            }

            if (delivered == 0)
            {
                await signal.WaitAsync(poll, stoppingToken);
            }
        }
    }

    /// <summary>Delivers every message due now (one pass, repeated while messages keep becoming due). Returns how many were attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var attempted = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            var batch = await store.ReadAsync(tx => tx.Outbox.Due(now, BatchSize), cancellationToken);
            if (batch.Count == 0)
            {
                return attempted;
            }

            // A batch holds at most one message per stream (the head), so delivering it concurrently keeps every stream in order.
            var sent = 0;
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
                async (message, ct) =>
                {
                    if (await DeliverAsync(message, ct))
                    {
                        Interlocked.Increment(ref sent);
                    }
                });
            attempted += batch.Count;
            var progress = sent > 0;

            if (!progress)
            {
                return attempted;
            }
        }
    }

    /// <summary>Delivers one message and records the outcome. True when it was sent.</summary>
    private async Task<bool> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var attempts = message.Attempts + 1;
        if (!_channels.TryGetValue(message.Channel, out var channel))
        {
            await store.WriteAsync(tx => { tx.Outbox.MarkFailed(message.Id, attempts, $"unknown channel '{message.Channel}'"); return 0; }, CancellationToken.None);
            return false;
        }

        using var inFlight = new CancellationTokenSource();
        await using var stopping = cancellationToken.Register(() => inFlight.CancelAfter(InFlightGrace));
        try
        {
            await pipelines.For(channel.Name).ExecuteAsync(async ct => await channel.DeliverAsync(message, ct), inFlight.Token);
        }
        catch (PermanentDeliveryException e)
        {
            var error = redactor.Redact(e.Message);
            await store.WriteAsync(tx => { tx.Outbox.MarkFailed(message.Id, attempts, error); return 0; }, CancellationToken.None);
            Count(channel, message, "failed");
            LogRefused(message.Id, message.Kind, channel.Name, error);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var wait = e is BrokenCircuitException { RetryAfter: { } after } ? after : pipelines.Backoff(attempts);
            var error = redactor.Redact(e is BrokenCircuitException ? $"{channel.Name} circuit open" : $"{e.GetType().Name}: {e.Message}");
            var next = time.GetUtcNow() + wait;
            await store.WriteAsync(tx => { tx.Outbox.Reschedule(message.Id, attempts, next, error); return 0; }, CancellationToken.None, durable: false);
            Count(channel, message, "retry");
            LogRetry(message.Id, message.Kind, channel.Name, attempts, wait.TotalSeconds, error);
            return false;
        }

        var at = time.GetUtcNow();
        // Not cancellable: once the channel accepted the message it must be recorded as sent.
        await store.WriteAsync(tx => { tx.Outbox.MarkSent(message.Id, at, attempts); return 0; }, CancellationToken.None, durable: false);
        Count(channel, message, "sent");
        LogSent(message.Id, message.Kind, channel.Name, message.Stream);
        return true;
    }

    private void Count(IDeliveryChannel channel, OutboxMessage message, string outcome)
    {
        if (message.Kind.StartsWith("case-", StringComparison.Ordinal))
        {
            metrics.Cases.WithLabels(channel.MetricLabel, outcome).Inc();
        }
        else
        {
            metrics.Notifications.WithLabels(channel.MetricLabel, outcome).Inc();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered message {Id} ({Kind}) via {Channel} for {Stream}")]
    private partial void LogSent(long id, string kind, string channel, string stream);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {Id} ({Kind}) via {Channel} not delivered (round {Attempts}); next try in {Seconds:0.#} s: {Error}")]
    private partial void LogRetry(long id, string kind, string channel, int attempts, double seconds, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {Id} ({Kind}) via {Channel} refused for good: {Error}")]
    private partial void LogRefused(long id, string kind, string channel, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox round failed; retried at the next poll: {Error}")]
    private partial void LogRoundFailed(string error);
}
