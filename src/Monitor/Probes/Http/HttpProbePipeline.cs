using Monitor.Configuration;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Monitor.Probes.Http;

/// <summary>
/// The Polly pipeline around one attempt: confirm-retries (outermost), the target's circuit breaker, then the
/// per-attempt timeout. Attempts never throw for a failing target; they return failed <see cref="HttpAttempt"/>s,
/// which the retry and the breaker judge.
/// </summary>
internal static class HttpProbePipeline
{
    public static ResiliencePipeline<HttpAttempt> Build(HttpTargetOptions target, TimeProvider time, Action<HttpAttempt, int> onRetry, Action onBreak)
    {
        var builder = new ResiliencePipelineBuilder<HttpAttempt> { TimeProvider = time, Name = "http-probe", InstanceName = target.Name };
        if (target.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpAttempt>
            {
                MaxRetryAttempts = target.Retries,
                Delay = Duration.Parse(target.RetryDelay),
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Success: false, Sent: true }),
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Result!, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            });
        }

        var breaker = target.CircuitBreaker;
        if (breaker.Enabled)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpAttempt>
            {
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = Duration.Parse(breaker.SamplingDuration),
                BreakDuration = Duration.Parse(breaker.BreakDuration),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Success: false } a && HttpFailureReason.LooksDown(a.Reason)),
                OnOpened = _ =>
                {
                    onBreak();
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(Duration.Parse(target.Timeout));
        return builder.Build();
    }
}
