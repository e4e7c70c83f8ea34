namespace Monitor.Rules.Windows;

/// <summary>
/// A ring of fixed-width time buckets, each holding a fixed number of counters (channels), in the
/// shape of Polly's rolling health metrics: a bucket is reused once time has moved a whole ring past
/// it, so memory depends on the span and width only, never on traffic. Buckets are addressed by
/// their absolute index (timestamp ticks / width) so that late observations land in the right place.
/// </summary>
internal sealed class BucketRing
{
    private readonly long[] _starts;
    private readonly long[] _data;

    public BucketRing(long widthTicks, int count, int channels)
    {
        WidthTicks = widthTicks;
        Channels = channels;
        _starts = new long[count];
        Array.Fill(_starts, long.MinValue);
        _data = new long[count * channels];
    }

    public long WidthTicks { get; }

    public int Count => _starts.Length;

    public int Channels { get; }

    internal long[] Starts => _starts;

    internal long[] Data => _data;

    /// <summary>
    /// The offset of the counters of bucket <paramref name="index"/>, clearing the slot when it held an
    /// older bucket; -1 when the slot already holds a newer bucket (the observation is too old to keep).
    /// </summary>
    public int Acquire(long index)
    {
        var slot = (int)(index % _starts.Length);
        var start = _starts[slot];
        if (start == index)
        {
            return slot * Channels;
        }

        if (start > index)
        {
            return -1;
        }

        _starts[slot] = index;
        Array.Clear(_data, slot * Channels, Channels);
        return slot * Channels;
    }

    /// <summary>Adds one channel over buckets <paramref name="first"/> to <paramref name="last"/>, inclusive.</summary>
    public long Sum(long first, long last, int channel)
    {
        long total = 0;
        first = Math.Max(first, last - _starts.Length + 1);
        for (var index = first; index <= last; index++)
        {
            var slot = (int)(index % _starts.Length);
            if (_starts[slot] == index)
            {
                total += _data[(slot * Channels) + channel];
            }
        }

        return total;
    }

    /// <summary>Adds a run of channels over a range of buckets into <paramref name="totals"/>.</summary>
    public void SumInto(long first, long last, int channel, Span<long> totals)
    {
        first = Math.Max(first, last - _starts.Length + 1);
        for (var index = first; index <= last; index++)
        {
            var slot = (int)(index % _starts.Length);
            if (_starts[slot] != index)
            {
                continue;
            }

            var row = _data.AsSpan((slot * Channels) + channel, totals.Length);
            for (var i = 0; i < row.Length; i++)
            {
                totals[i] += row[i];
            }
        }
    }

    public void Restore(long[] starts, long[] data)
    {
        if (starts.Length != _starts.Length || data.Length != _data.Length)
        {
            return;
        }

        starts.CopyTo(_starts, 0);
        data.CopyTo(_data, 0);
    }
}
