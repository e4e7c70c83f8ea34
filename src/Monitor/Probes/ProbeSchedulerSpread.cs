namespace Monitor.Probes;

/// <summary>
/// When each target's first run falls after it is scheduled. Targets that share an interval start one after another,
/// evenly spaced across the interval but never more than <see cref="MaxGap"/> apart, so that 500 targets every 30 s
/// start one every 60 ms and keep that spacing, instead of all within the first seconds and then together at every
/// interval. A handful of targets still start within a second.
/// </summary>
internal static class ProbeStartSpread
{
    /// <summary>The longest wait between two consecutive first runs.</summary>
    public static readonly TimeSpan MaxGap = TimeSpan.FromMilliseconds(100);

    /// <summary>The start offset of each named schedule, by name: the first of each interval at once.</summary>
    public static Dictionary<string, TimeSpan> Of(IEnumerable<(string Name, TimeSpan Every)> schedules)
    {
        var offsets = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var sameInterval in schedules.GroupBy(s => s.Every))
        {
            var names = sameInterval.Select(s => s.Name).ToList();
            var gap = Math.Min(sameInterval.Key.Ticks / names.Count, MaxGap.Ticks);
            for (var i = 0; i < names.Count; i++)
            {
                offsets[names[i]] = TimeSpan.FromTicks(gap * i);
            }
        }

        return offsets;
    }
}
