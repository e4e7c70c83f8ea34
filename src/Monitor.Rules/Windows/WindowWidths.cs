namespace Monitor.Rules.Windows;

/// <summary>
/// Picks the bucket width for a window: the coarsest step of a fixed ladder (multiples of the engine
/// resolution) that still gives the window at least <see cref="BucketsPerWindow"/> buckets. A window's
/// edge is therefore exact to within 1/60 of its length, and a 3-day window needs 72 one-hour buckets
/// instead of 259,200 one-second ones.
/// </summary>
internal static class WindowWidths
{
    public const int BucketsPerWindow = 60;

    private static readonly int[] Ladder = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400];

    public static long For(TimeSpan window, long resolutionTicks)
    {
        var target = window.Ticks / BucketsPerWindow;
        var width = resolutionTicks;
        foreach (var step in Ladder)
        {
            var candidate = step * resolutionTicks;
            if (candidate > target)
            {
                break;
            }

            width = candidate;
        }

        return width;
    }

    /// <summary>Buckets covering a window: the bucket holding the end, and the ones before it.</summary>
    public static (long First, long Last) Range(long endTicks, TimeSpan window, long widthTicks)
    {
        var last = endTicks / widthTicks;
        var count = Math.Max(1, (window.Ticks + widthTicks - 1) / widthTicks);
        return (last - count + 1, last);
    }
}
