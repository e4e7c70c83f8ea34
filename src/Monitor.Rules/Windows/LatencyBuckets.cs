using System.Numerics;

namespace Monitor.Rules.Windows;

/// <summary>
/// Fixed log-scale latency buckets: four per doubling from about 0.8 ms to about 107 s, one below and
/// one above. A quantile read from them is within one bucket, that is within about 19% of the true
/// value (linear interpolation inside the bucket usually does much better).
/// </summary>
internal static class LatencyBuckets
{
    private const int FirstOctave = 13; // 2^13 ticks = 0.82 ms
    private const int LastOctave = 30; // 2^31 ticks = 214 s is the top of the last octave
    private const int PerOctave = 4;

    public const int Count = 2 + ((LastOctave - FirstOctave + 1) * PerOctave);

    public static int IndexOf(TimeSpan latency)
    {
        var ticks = latency.Ticks;
        if (ticks < 1L << FirstOctave)
        {
            return 0;
        }

        var octave = BitOperations.Log2((ulong)ticks);
        if (octave > LastOctave)
        {
            return Count - 1;
        }

        var sub = (int)((ticks >> (octave - 2)) & 3);
        return 1 + ((octave - FirstOctave) * PerOctave) + sub;
    }

    /// <summary>The lower bound of a bucket, in ticks.</summary>
    public static long LowerBound(int index)
    {
        if (index <= 0)
        {
            return 0;
        }

        if (index >= Count - 1)
        {
            return 1L << (LastOctave + 1);
        }

        var octave = FirstOctave + ((index - 1) / PerOctave);
        var sub = (index - 1) % PerOctave;
        return (4L + sub) << (octave - 2);
    }

    /// <summary>
    /// The <paramref name="quantile"/> of the counts, interpolating linearly inside the bucket where the
    /// rank falls (as Prometheus' histogram_quantile does); zero when the counts are empty.
    /// </summary>
    public static TimeSpan Quantile(ReadOnlySpan<long> counts, double quantile)
    {
        long total = 0;
        foreach (var c in counts)
        {
            total += c;
        }

        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = Math.Clamp(quantile, 0, 1) * total;
        long below = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0 && below + counts[i] >= rank)
            {
                var lower = LowerBound(i);
                if (i == Count - 1)
                {
                    return TimeSpan.FromTicks(lower);
                }

                var upper = LowerBound(i + 1);
                var share = (rank - below) / counts[i];
                return TimeSpan.FromTicks(lower + (long)((upper - lower) * share));
            }

            below += counts[i];
        }

        return TimeSpan.FromTicks(LowerBound(Count - 1));
    }
}
