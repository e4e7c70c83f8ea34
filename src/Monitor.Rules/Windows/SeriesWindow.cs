using Monitor.Rules.Observations;

namespace Monitor.Rules.Windows;

/// <summary>
/// The recent history of one series: bucket rings (one per bucket width its rules need), a
/// distinct-restaurant tracker per error filter, per-type failure counters, latencies and gauge values.
/// Recording an observation allocates nothing once the series has seen its error types.
/// </summary>
internal sealed partial class SeriesWindow
{
    private const string UnknownType = "unknown";

    private readonly BucketRing[] _rings;
    private readonly RestaurantTracker?[] _trackers;
    private readonly ulong[] _filterMasks;
    private readonly Dictionary<string, int> _typeIds = new(StringComparer.Ordinal);
    private readonly List<string> _typeNames = [];

    public SeriesWindow(string signal, SeriesLayout layout)
    {
        Signal = signal;
        Layout = layout;
        _rings = [.. layout.Rings.Select(r => new BucketRing(r.Width, r.Count, layout.Channels))];
        _trackers = new RestaurantTracker?[layout.Filters.Count];
        foreach (var type in layout.TrackedTypes)
        {
            TypeId(type);
        }

        // A filter's mask has a bit per type counter it counts; types not named by any filter (and the
        // shared "other" counter) count exactly when the filter has no include list.
        _filterMasks = new ulong[layout.Filters.Count];
        for (var f = 0; f < _filterMasks.Length; f++)
        {
            var filter = layout.Filters[f];
            for (var id = 0; id < layout.TypeSlots; id++)
            {
                var counts = id < _typeNames.Count ? filter.Counts(_typeNames[id]) : filter.Include.Length == 0;
                _filterMasks[f] |= counts ? 1UL << id : 0;
            }
        }

        Gauge = new GaugeHistory(layout.Gauge.Width, layout.Gauge.Count);
    }

    public string Signal { get; }

    public SeriesLayout Layout { get; }

    public GaugeHistory Gauge { get; }

    public DateTimeOffset? FirstSeen { get; set; }

    public DateTimeOffset? LastObservation { get; private set; }

    public DateTimeOffset? LastSuccess { get; private set; }

    public void Record(in Observation observation)
    {
        var at = observation.Timestamp;
        FirstSeen ??= at;
        if (LastObservation is not { } lastSeen || at > lastSeen)
        {
            LastObservation = at;
        }

        ulong counted = 0;
        var typeSlot = 0;
        if (observation.Success)
        {
            if (LastSuccess is not { } lastSuccess || at > lastSuccess)
            {
                LastSuccess = at;
            }
        }
        else
        {
            var id = TypeId(observation.ErrorType ?? observation.Reason ?? UnknownType);
            typeSlot = Layout.TypeBase + id;
            for (var f = 0; f < _filterMasks.Length; f++)
            {
                counted |= ((_filterMasks[f] >> id) & 1) << f;
            }
        }

        var latencySlot = Layout.Latency && observation.Latency > TimeSpan.Zero
            ? Layout.LatencyBase + LatencyBuckets.IndexOf(observation.Latency)
            : -1;
        var ticks = at.UtcTicks;
        foreach (var ring in _rings)
        {
            var offset = ring.Acquire(ticks / ring.WidthTicks);
            if (offset < 0)
            {
                continue;
            }

            var data = ring.Data;
            data[offset]++;
            if (!observation.Success)
            {
                data[offset + typeSlot]++;
                for (var f = 0; f < _filterMasks.Length; f++)
                {
                    data[offset + 1 + f] += (long)((counted >> f) & 1);
                }
            }

            if (latencySlot >= 0)
            {
                data[offset + latencySlot]++;
            }
        }

        if (counted != 0 && observation.RestaurantId is { } restaurant)
        {
            var hash = StableHash.Of(restaurant);
            var when = ticks / Layout.ResolutionTicks;
            for (var f = 0; f < _trackers.Length; f++)
            {
                if (((counted >> f) & 1) != 0)
                {
                    (_trackers[f] ??= new RestaurantTracker(Layout.HorizonTicks / Layout.ResolutionTicks)).Add(restaurant, hash, when);
                }
            }
        }
    }

    public void RecordGauge(DateTimeOffset at, double value)
    {
        FirstSeen ??= at;
        Gauge.Record(at, value);
    }

    /// <summary>The position of a filter in the layout, by key; -1 when the layout lacks it.</summary>
    public int FilterIndex(string key)
    {
        for (var f = 0; f < Layout.Filters.Count; f++)
        {
            if (string.Equals(Layout.Filters[f].Key, key, StringComparison.Ordinal))
            {
                return f;
            }
        }

        return -1;
    }

    private int TypeId(string label)
    {
        if (_typeIds.TryGetValue(label, out var id))
        {
            return id;
        }

        var other = Layout.TypeSlots - 1;
        if (_typeNames.Count >= other)
        {
            return other;
        }

        id = _typeNames.Count;
        _typeNames.Add(label);
        _typeIds[label] = id;
        return id;
    }
}
