using Monitor.Rules.Observations;

namespace Monitor.Alerting;

/// <summary>One failing request kept as evidence: what failed, when, and why.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Signal">The signal (target or action).</param>
/// <param name="Reason">The named reason (status, timeout, body...), if any.</param>
/// <param name="ErrorType">The business error type, if any.</param>
/// <param name="RestaurantId">The restaurant, if known.</param>
/// <param name="LatencyMs">How long it took, in milliseconds.</param>
/// <param name="Detail">A sentence about the failure (probes), with no secrets.</param>
internal sealed record FailureSample(
    DateTimeOffset At, string Signal, string? Reason, string? ErrorType, string? RestaurantId, double LatencyMs, string? Detail);

/// <summary>
/// The last few failing requests of every signal, for case evidence and messages. Bounded: a fixed
/// number per signal and a fixed number of signals, whatever the traffic.
/// </summary>
internal sealed class FailureSamples
{
    public const int PerSignal = 10;
    public const int MaxSignals = 512;

    private readonly Dictionary<string, Queue<FailureSample>> _samples = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Add(FailureSample sample)
    {
        lock (_gate)
        {
            if (!_samples.TryGetValue(sample.Signal, out var queue))
            {
                if (_samples.Count >= MaxSignals)
                {
                    return;
                }

                queue = new Queue<FailureSample>(PerSignal);
                _samples[sample.Signal] = queue;
            }

            if (queue.Count == PerSignal)
            {
                queue.Dequeue();
            }

            queue.Enqueue(sample);
        }
    }

    public void Add(in Observation failure, string? detail = null) =>
        Add(new FailureSample(failure.Timestamp, failure.Signal, failure.Reason, failure.ErrorType, failure.RestaurantId,
            failure.Latency.TotalMilliseconds, detail));

    /// <summary>The samples of a signal between two times, oldest first.</summary>
    public IReadOnlyList<FailureSample> For(string signal, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
        {
            return _samples.TryGetValue(signal, out var queue)
                ? [.. queue.Where(s => s.At >= from && s.At <= to)]
                : [];
        }
    }
}
