using Monitor.Rules.State;

namespace Monitor.Rules.Windows;

internal sealed partial class SeriesWindow
{
    /// <summary>Samples and counted failures in (end - window, end], where end is <paramref name="endTicks"/>.</summary>
    public WindowCounts Counts(TimeSpan window, long endTicks, int filter)
    {
        var ring = RingFor(window);
        var (first, last) = WindowWidths.Range(endTicks, window, ring.WidthTicks);
        var (samples, failures) = ring.SumPair(first, last, 0, 1 + Math.Max(0, filter));
        return new WindowCounts(samples, filter < 0 ? 0 : failures);
    }

    /// <summary>All samples, failures and failing restaurants over a window, from the finest ring that covers it.</summary>
    public WindowSummary? Summarize(TimeSpan window, long nowTicks)
    {
        var ring = _rings.Where(r => (r.Count - 1) * r.WidthTicks >= window.Ticks).MinBy(r => r.WidthTicks);
        if (ring is null)
        {
            return null;
        }

        var (first, last) = WindowWidths.Range(nowTicks, window, ring.WidthTicks);
        var (samples, failures) = ring.SumPair(first, last, 0, 1);
        var distinct = _trackers[0]?.Count(first * (ring.WidthTicks / _resolutionTicks), nowTicks / _resolutionTicks) ?? 0;
        return new WindowSummary(samples, failures, distinct);
    }

    /// <summary>Distinct restaurants among the failures a filter counts in the window ending at <paramref name="nowTicks"/>.</summary>
    public int DistinctRestaurants(TimeSpan window, long nowTicks, int filter)
    {
        if (filter < 0 || _trackers[filter] is not { } tracker)
        {
            return 0;
        }

        var (first, now) = ResolutionRange(window, nowTicks);
        return tracker.Count(first, now);
    }

    /// <summary>A latency quantile over the window and the number of latencies it is computed from.</summary>
    public (TimeSpan Value, long Samples) LatencyQuantile(TimeSpan window, long nowTicks, double quantile)
    {
        if (!Layout.Latency)
        {
            return (TimeSpan.Zero, 0);
        }

        var ring = RingFor(window);
        var (first, last) = WindowWidths.Range(nowTicks, window, ring.WidthTicks);
        Span<long> counts = stackalloc long[LatencyBuckets.Count];
        ring.SumInto(first, last, Layout.LatencyBase, counts);
        long samples = 0;
        foreach (var c in counts)
        {
            samples += c;
        }

        return (LatencyBuckets.Quantile(counts, quantile), samples);
    }

    /// <summary>The most frequent failure types the filter counts in the window, most first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> TopErrorTypes(TimeSpan window, long nowTicks, int filter, int max)
    {
        var ring = RingFor(window);
        var (first, last) = WindowWidths.Range(nowTicks, window, ring.WidthTicks);
        var counts = new long[Layout.TypeSlots];
        ring.SumInto(first, last, Layout.TypeBase, counts);
        
        return [.. counts
            .Select((count, id) => (Name: id < _typeNames.Count ? _typeNames[id] : "other", Count: count, Id: id))
            .Where(t => t.Count > 0 && (filter < 0 || (((_countingInfrastructure[t.Id] | _countingBusiness[t.Id]) >> filter) & 1) != 0))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(t => KeyValuePair.Create(t.Name, t.Count))];
    }

    /// <summary>A few of the restaurants that failed in the window (as the filter counts failures).</summary>
    public IReadOnlyList<string> AffectedRestaurants(TimeSpan window, long nowTicks, int filter, int max)
    {
        if (filter < 0 || _trackers[filter] is not { } tracker)
        {
            return [];
        }

        var (first, _) = ResolutionRange(window, nowTicks);
        return tracker.Sample(first, max);
    }

    public SeriesSnapshot ToSnapshot() => new(
        Signal, Layout.Signature, [.. _typeNames],
        [.. _rings.Select(r => new RingSnapshot(r.WidthTicks, r.Starts, r.Data))],
        [.. _trackers.Select(t => t?.ToSnapshot())],
        FirstSeen, LastObservation, LastSuccess, Gauge.ToSnapshot());

    /// <summary>Restores a snapshot taken from a series of the same layout; times and gauges are restored in any case.</summary>
    public void Restore(SeriesSnapshot snapshot)
    {
        (FirstSeen, LastObservation, LastSuccess) = (snapshot.FirstSeen, snapshot.LastObservation, snapshot.LastSuccess);
        if (snapshot.Gauge is { } gauge)
        {
            Gauge.Restore(gauge);
        }

        if (!string.Equals(snapshot.Layout, Layout.Signature, StringComparison.Ordinal)
            || snapshot.Rings.Count != _rings.Length || snapshot.Restaurants.Count != _trackers.Length
            || snapshot.ErrorTypes.Count >= Layout.TypeSlots)
        {
            return;
        }

        // Tracked types come first in both, so counters keep their meaning.
        for (var i = 0; i < snapshot.ErrorTypes.Count; i++)
        {
            if (i < _typeNames.Count && !string.Equals(_typeNames[i], snapshot.ErrorTypes[i], StringComparison.Ordinal))
            {
                return;
            }
        }

        for (var i = _typeNames.Count; i < snapshot.ErrorTypes.Count; i++)
        {
            TypeId(snapshot.ErrorTypes[i]);
        }

        for (var i = 0; i < _rings.Length; i++)
        {
            _rings[i].Restore(snapshot.Rings[i].Starts, snapshot.Rings[i].Data);
        }

        (_hotStart, _hotEnd) = (long.MaxValue, long.MinValue);

        for (var f = 0; f < _trackers.Length; f++)
        {
            if (snapshot.Restaurants[f] is { } tracker)
            {
                (_trackers[f] = new RestaurantTracker(Layout.HorizonTicks / Layout.ResolutionTicks)).Restore(tracker);
            }
        }

        _allTracker = _trackers[0];
    }

    private BucketRing RingFor(TimeSpan window)
    {
        // Rules ask for the same one or two windows at every evaluation: remember the last two answers.
        if (_ringCacheA is { } a && _ringCacheWindowA == window.Ticks)
        {
            return a;
        }

        if (_ringCacheB is { } b && _ringCacheWindowB == window.Ticks)
        {
            return b;
        }

        var width = WindowWidths.For(window, Layout.ResolutionTicks);
        foreach (var ring in _rings)
        {
            if (ring.WidthTicks == width)
            {
                (_ringCacheB, _ringCacheWindowB) = (_ringCacheA, _ringCacheWindowA);
                (_ringCacheA, _ringCacheWindowA) = (ring, window.Ticks);
                return ring;
            }
        }

        throw new InvalidOperationException($"Series '{Signal}' keeps no {TimeSpan.FromTicks(width)} buckets for a {window} window.");
    }

    /// <summary>The window's first bucket and the evaluation time, in resolution units, aligned with the ring buckets.</summary>
    private (long First, long Now) ResolutionRange(TimeSpan window, long nowTicks)
    {
        var width = WindowWidths.For(window, Layout.ResolutionTicks);
        var (first, _) = WindowWidths.Range(nowTicks, window, width);
        return (first * (width / Layout.ResolutionTicks), nowTicks / Layout.ResolutionTicks);
    }
}
