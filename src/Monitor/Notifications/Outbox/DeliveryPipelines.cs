using System.Collections.Concurrent;
using Monitor.Configuration;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Monitor.Notifications.Outbox;

/// <summary>
/// One Polly pipeline per channel: quick retries with exponential backoff and jitter, around a circuit
/// breaker, so a dead SMTP server stops being hammered while the webhook still works (and the other way
/// round). When the pipeline gives up, the message stays in the outbox and the worker tries again later.
/// </summary>
internal sealed class DeliveryPipelines(DeliveryOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);

    public ResiliencePipeline For(string channel) => _pipelines.GetOrAdd(channel, Build);

    private static bool Retryable(Exception e) => e is not (PermanentDeliveryException or BrokenCircuitException or OperationCanceledException);

    private ResiliencePipeline Build(string channel)
    {
        var o = options;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time, Name = "delivery-" + channel };
        if (o.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = o.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = Duration.Parse(o.RetryDelay),
                MaxDelay = Duration.Parse(o.MaxBackoff),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(Retryable),

                // A service that says when to come back (429 with Retry-After) is asked again then, within the cap.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is global::Monitor.Notifications.Channels.RetryableDeliveryException { RetryAfter: { } wait }
                    ? (TimeSpan?)TimeSpan.FromTicks(Math.Min(wait.Ticks, Duration.Parse(o.MaxBackoff).Ticks))
                    : null),
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = o.BreakerFailureRatio,
            MinimumThroughput = o.BreakerMinimumThroughput,
            SamplingDuration = Duration.Parse(o.BreakerSamplingDuration),
            BreakDuration = Duration.Parse(o.BreakerBreakDuration),
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not (PermanentDeliveryException or OperationCanceledException)),
        });
        return builder.Build();
    }

    /// <summary>The wait before the next round for a message that failed <paramref name="attempts"/> rounds: doubled each time, capped, with ±20 % jitter.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var o = options;
        var first = Duration.Parse(o.BackoffDelay);
        var cap = Duration.Parse(o.MaxBackoff);
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 30);
        var ticks = Math.Min(first.Ticks * Math.Pow(2, exponent), cap.Ticks);
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromTicks((long)Math.Min(ticks * jitter, cap.Ticks));
    }
}
