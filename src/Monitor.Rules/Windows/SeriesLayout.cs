namespace Monitor.Rules.Windows;

/// <summary>
/// What one series keeps, derived from the rules that read it: bucket rings per width, the error
/// filters, whether latencies are kept, and how much gauge history.
/// </summary>
internal sealed class SeriesLayout
{
    public const int MinTypeSlots = 8;

    public SeriesLayout(
        long resolutionTicks, IReadOnlyList<(long Width, int Count)> rings, IReadOnlyList<ErrorFilter> filters,
        bool latency, (long Width, int Count) gauge, long horizonTicks)
    {
        ResolutionTicks = resolutionTicks;
        Rings = rings;
        Filters = filters;
        Latency = latency;
        Gauge = gauge;
        HorizonTicks = horizonTicks;
        TrackedTypes = [.. filters.SelectMany(f => f.Include.Concat(f.Exclude)).Distinct(StringComparer.Ordinal)];
        TypeSlots = Math.Min(62, Math.Max(MinTypeSlots, TrackedTypes.Length + 4)) + 1;
        Channels = 1 + filters.Count + TypeSlots + (latency ? LatencyBuckets.Count : 0);
        Signature = string.Join(';', [
            $"res={resolutionTicks}",
            "rings=" + string.Join(',', rings.Select(r => $"{r.Width}x{r.Count}")),
            "filters=" + string.Join('|', filters.Select(f => f.Key)),
            $"types={TypeSlots}", $"latency={latency}", $"gauge={gauge.Width}x{gauge.Count}",
        ]);
    }

    public long ResolutionTicks { get; }

    public IReadOnlyList<(long Width, int Count)> Rings { get; }

    /// <summary>Filters; the first is always <see cref="ErrorFilter.All"/>.</summary>
    public IReadOnlyList<ErrorFilter> Filters { get; }

    public bool Latency { get; }

    public (long Width, int Count) Gauge { get; }

    /// <summary>The longest span any rule reads, in ticks.</summary>
    public long HorizonTicks { get; }

    /// <summary>Error types named by some filter: they always get their own counter.</summary>
    public string[] TrackedTypes { get; }

    /// <summary>Per-type counters per bucket, the last one for "other types".</summary>
    public int TypeSlots { get; }

    public int Channels { get; }

    public int TypeBase => 1 + Filters.Count;

    public int LatencyBase => TypeBase + TypeSlots;

    /// <summary>Equal for equal layouts: a snapshot is restored only into the same layout.</summary>
    public string Signature { get; }
}
