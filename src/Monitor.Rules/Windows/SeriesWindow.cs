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
    private BucketRing? _ringCacheA;
    private BucketRing? _ringCacheB;
    private long _ringCacheWindowA;
    private long _ringCacheWindowB;

    // Copies of layout values the recording path reads, kept in this object so that recording into one
    // of many series touches as few cache lines as possible.
    private readonly long _resolutionTicks;
    private readonly long _horizonUnits;
    private readonly int _typeBase;
    private readonly int _latencyBase;

    /// <summary>For each type counter, a bit per filter that counts failures of that type without a business error type.</summary>
    private readonly ulong[] _countingInfrastructure;

    /// <summary>For each type counter, a bit per filter that counts failures of that type with a business error type.</summary>
    private readonly ulong[] _countingBusiness;
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
        (_firstData, _firstCount) = _firstRing is null ? ([], 0) : (_firstRing.Block, _firstRing.Count);
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
        // The class of a failure is known only when it is recorded, so each counter has a bit set per class.
        _countingInfrastructure = new ulong[layout.TypeSlots];
        _countingBusiness = new ulong[layout.TypeSlots];
        for (var id = 0; id < layout.TypeSlots; id++)
        {
            for (var f = 0; f < layout.Filters.Count; f++)
            {
                var filter = layout.Filters[f];
                var counts = id < _typeNames.Count ? filter.Counts(_typeNames[id]) : filter.Include.Length == 0;
                _countingInfrastructure[id] |= counts && filter.Admits(business: false) ? 1UL << f : 0;
                _countingBusiness[id] |= counts && filter.Admits(business: true) ? 1UL << f : 0;
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
