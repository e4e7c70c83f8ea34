using Monitor.Rules.Observations;

namespace Monitor.Rules.Windows;

/// <summary>
/// Time-bucketed history of one signal: a ring of fixed-width buckets covering the longest span any
/// rule reads. Memory is bounded by the bucket count, whatever the traffic, except for the per-bucket
/// sets of failing restaurants and error types.
/// </summary>
internal sealed class SignalWindow
{
    private readonly Bucket[] _buckets;
    private readonly long _resolutionTicks;

    public SignalWindow(TimeSpan span, TimeSpan resolution)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(resolution, TimeSpan.Zero);
        _resolutionTicks = resolution.Ticks;
        var count = (int)Math.Min(1_000_000, (span.Ticks + _resolutionTicks - 1) / _resolutionTicks + 1);
        _buckets = new Bucket[count];
        for (var i = 0; i < count; i++)
        {
            _buckets[i] = new Bucket();
        }
    }

    public void Record(in Observation observation)
    {
        var index = observation.Timestamp.UtcTicks / _resolutionTicks;
        var bucket = _buckets[(int)(index % _buckets.Length)];
        if (bucket.Index != index)
        {
            if (bucket.Index > index)
            {
                return; // Older than the whole ring: outside every window.
            }

            bucket.Reset(index);
        }

        bucket.Samples++;
        if (!observation.Success)
        {
            bucket.AddFailure(observation.ErrorType ?? observation.Reason, observation.RestaurantId, observation.ErrorType);
        }
    }

    /// <summary>Counts over the buckets whose start lies in (now - window, now].</summary>
    public WindowSummary Summarize(DateTimeOffset now, TimeSpan window, Func<string?, bool> counts, ISet<string>? restaurants = null, IDictionary<string, long>? errorTypes = null)
    {
        var last = now.UtcTicks / _resolutionTicks;
        var first = last - Math.Min(_buckets.Length - 1, Math.Max(0, (window.Ticks / _resolutionTicks) - 1));
        long samples = 0, failures = 0;
        var distinct = restaurants ?? new HashSet<string>(StringComparer.Ordinal);
        foreach (var bucket in _buckets)
        {
            if (bucket.Index < first || bucket.Index > last)
            {
                continue;
            }

            samples += bucket.Samples;
            foreach (var failure in bucket.Failures)
            {
                if (!counts(failure.Key.ErrorType))
                {
                    continue;
                }

                failures += failure.Value;
                if (failure.Key.Restaurant is { } restaurant)
                {
                    distinct.Add(restaurant);
                }

                if (errorTypes is not null)
                {
                    var label = failure.Key.Label ?? "unknown";
                    errorTypes[label] = errorTypes.TryGetValue(label, out var n) ? n + failure.Value : failure.Value;
                }
            }
        }

        return new WindowSummary(samples, failures, distinct.Count);
    }

    private readonly record struct FailureKey(string? Label, string? Restaurant, string? ErrorType);

    private sealed class Bucket
    {
        public long Index { get; private set; } = long.MinValue;

        public long Samples { get; set; }

        public Dictionary<FailureKey, long> Failures { get; } = [];

        public void Reset(long index)
        {
            Index = index;
            Samples = 0;
            Failures.Clear();
        }

        public void AddFailure(string? label, string? restaurant, string? errorType)
        {
            var key = new FailureKey(label, restaurant, errorType);
            Failures[key] = Failures.TryGetValue(key, out var n) ? n + 1 : 1;
        }
    }
}
