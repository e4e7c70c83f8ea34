using System.Numerics;
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
    private readonly BucketRing? _firstRing;
    private readonly RestaurantTracker?[] _trackers;

    // The first ring's current bucket and counters, and the all-failures tracker, reached without
    // going through other objects: recording into one of many series is bound by cache misses.
    private readonly long[] _firstData = [];
    private readonly int _firstCount;
    private long _hotStart = long.MaxValue;
    private long _hotEnd = long.MinValue;
    private int _hotSlot;
    private RestaurantTracker? _allTracker;

    // Copies of layout values the recording path reads, kept in this object so that recording into one
    // of many series touches as few cache lines as possible.
    private readonly long _resolutionTicks;
    private readonly long _horizonUnits;
    private readonly int _typeBase;
    private readonly int _latencyBase;

    /// <summary>For each type counter, a bit per filter that counts failures of that type.</summary>
    private readonly ulong[] _filtersCounting;
    private readonly Dictionary<string, int> _typeIds = new(StringComparer.Ordinal);
    private readonly List<string> _typeNames = [];
    private RecentLabels _recentLabels;
    private RecentIds _recentIds;
    private int _recentNext;

    public SeriesWindow(string signal, SeriesLayout layout)
    {
        Signal = signal;
        Layout = layout;
        _rings = [.. layout.Rings.Select(r => new BucketRing(r.Width, r.Count, layout.Channels))];
        _firstRing = _rings.Length > 0 ? _rings[0] : null;
        (_firstData, _firstCount) = _firstRing is null ? ([], 0) : (_firstRing.Data, _firstRing.Count);
        _trackers = new RestaurantTracker?[layout.Filters.Count];
        _resolutionTicks = layout.ResolutionTicks;
        _horizonUnits = layout.HorizonTicks / layout.ResolutionTicks;
        _typeBase = layout.TypeBase;
        _latencyBase = layout.Latency ? layout.LatencyBase : -1;
        foreach (var type in layout.TrackedTypes)
        {
            TypeId(type);
        }

        // Types not named by any filter (and the shared "other" counter) count exactly for the filters
        // without an include list.
        _filtersCounting = new ulong[layout.TypeSlots];
        for (var id = 0; id < layout.TypeSlots; id++)
        {
            for (var f = 0; f < layout.Filters.Count; f++)
            {
                var filter = layout.Filters[f];
                var counts = id < _typeNames.Count ? filter.Counts(_typeNames[id]) : filter.Include.Length == 0;
                _filtersCounting[id] |= counts ? 1UL << f : 0;
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
        var ticks = at.UtcTicks;
        if (LastObservation is not { } lastSeen || ticks > lastSeen.UtcTicks)
        {
            LastObservation = at;
            FirstSeen ??= at;
        }

        ulong counted = 0;
        var typeChannel = 0;
        if (observation.Success)
        {
            if (LastSuccess is not { } lastSuccess || ticks > lastSuccess.UtcTicks)
            {
                LastSuccess = at;
            }
        }
        else
        {
            var id = TypeId(observation.ErrorType ?? observation.Reason ?? UnknownType);
            typeChannel = _typeBase + id;
            counted = _filtersCounting[id];
        }

        var latencyChannel = _latencyBase >= 0 && observation.Latency > TimeSpan.Zero
            ? _latencyBase + LatencyBuckets.IndexOf(observation.Latency)
            : -1;
        if (_firstRing is not null)
        {
            var slot = FirstSlot(ticks);
            if (slot >= 0)
            {
                var data = _firstData;
                var count = _firstCount;
                data[slot]++;
                if (!observation.Success)
                {
                    data[(typeChannel * count) + slot]++;
                    for (var bits = counted; bits != 0; bits &= bits - 1)
                    {
                        data[((1 + BitOperations.TrailingZeroCount(bits)) * count) + slot]++;
                    }
                }

                if (latencyChannel >= 0)
                {
                    data[(latencyChannel * count) + slot]++;
                }
            }

            for (var r = 1; r < _rings.Length; r++)
            {
                Count(_rings[r], ticks, !observation.Success, counted, typeChannel, latencyChannel);
            }
        }

        if (counted != 0 && observation.RestaurantId is { } restaurant)
        {
            var hash = StableHash.Of(restaurant);
            var when = ticks / _resolutionTicks;
            if ((counted & 1) != 0)
            {
                (_allTracker ??= Tracker(0)).Add(restaurant, hash, when);
            }

            for (var bits = counted & ~1UL; bits != 0; bits &= bits - 1)
            {
                Tracker(BitOperations.TrailingZeroCount(bits)).Add(restaurant, hash, when);
            }
        }
    }

    private RestaurantTracker Tracker(int filter) => _trackers[filter] ??= new RestaurantTracker(_horizonUnits);

    /// <summary>The first ring's slot for <paramref name="ticks"/>, through the cached current bucket.</summary>
    private int FirstSlot(long ticks)
    {
        if (ticks >= _hotStart && ticks < _hotEnd)
        {
            return _hotSlot;
        }

        var slot = _firstRing!.Acquire(ticks);
        if (slot >= 0)
        {
            var index = ticks / _firstRing.WidthTicks;
            (_hotStart, _hotEnd, _hotSlot) = (index * _firstRing.WidthTicks, (index + 1) * _firstRing.WidthTicks, slot);
        }

        return slot;
    }

    private static void Count(BucketRing ring, long ticks, bool failed, ulong counted, int typeChannel, int latencyChannel)
    {
        var slot = ring.Acquire(ticks);
        if (slot < 0)
        {
            return;
        }

        ring.Increment(slot, 0);
        if (failed)
        {
            ring.Increment(slot, typeChannel);
            for (var bits = counted; bits != 0; bits &= bits - 1)
            {
                ring.Increment(slot, 1 + BitOperations.TrailingZeroCount(bits));
            }
        }

        if (latencyChannel >= 0)
        {
            ring.Increment(slot, latencyChannel);
        }
    }

    /// <summary>Adds counts at once (a feed run's valid and invalid entities); no restaurants, no latencies.</summary>
    public void RecordCounts(DateTimeOffset at, long successes, long failures, string? errorType)
    {
        var ticks = at.UtcTicks;
        if (LastObservation is not { } lastSeen || ticks > lastSeen.UtcTicks)
        {
            LastObservation = at;
            FirstSeen ??= at;
        }

        if (successes > 0 && (LastSuccess is not { } lastSuccess || ticks > lastSuccess.UtcTicks))
        {
            LastSuccess = at;
        }

        var id = failures > 0 ? TypeId(errorType ?? UnknownType) : 0;
        var counted = failures > 0 ? _filtersCounting[id] : 0;
        for (var r = 0; r < _rings.Length; r++)
        {
            var ring = _rings[r];
            var slot = r == 0 ? FirstSlot(ticks) : ring.Acquire(ticks);
            if (slot < 0)
            {
                continue;
            }

            ring.Add(slot, 0, successes + failures);
            if (failures > 0)
            {
                ring.Add(slot, _typeBase + id, failures);
                for (var bits = counted; bits != 0; bits &= bits - 1)
                {
                    ring.Add(slot, 1 + BitOperations.TrailingZeroCount(bits), failures);
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
}
