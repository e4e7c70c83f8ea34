namespace Monitor.Rules.Windows;

/// <summary>
/// A ring of fixed-width time buckets, each holding a fixed number of counters (channels), in the
/// shape of Polly's rolling health metrics: a bucket is reused once time has moved a whole ring past
/// it, so memory depends on the span and width only, never on traffic. Buckets are addressed by
/// their absolute index (timestamp ticks / width) so that late observations land in the right place.
/// One array holds the bucket indexes followed by the counters, channel by channel, so that summing a
/// window streams through one block of memory.
/// </summary>
internal sealed class BucketRing
{
    private readonly int _count;
    private readonly long[] _block;
    private long _hotStart = long.MaxValue;
    private long _hotEnd = long.MinValue;
    private int _hotSlot;

    public BucketRing(long widthTicks, int count, int channels)
    {
        WidthTicks = widthTicks;
        Channels = channels;
        _count = count;
        _block = new long[count * (channels + 1)];
        Array.Fill(_block, long.MinValue, 0, count);
    }

    public long WidthTicks { get; }

    public int Count => _count;

    public int Channels { get; }

    /// <summary>The bucket index held by each slot, then the counters: channel <c>c</c> of slot <c>s</c> is at <c>(c + 1) * Count + s</c>.</summary>
    internal long[] Block => _block;

    /// <summary>A copy of the bucket indexes, for snapshots.</summary>
    internal long[] Starts => _block[.._count];

    /// <summary>A copy of the counters, for snapshots.</summary>
    internal long[] Data => _block[_count..];

    /// <summary>
    /// The slot of the bucket holding <paramref name="ticks"/>, clearing it when it held an older bucket;
    /// -1 when the slot already holds a newer bucket (the observation is too old to keep).
    /// </summary>
    public int Acquire(long ticks)
    {
        // Most observations land in the bucket the previous one used: skip the divisions.
        if (ticks >= _hotStart && ticks < _hotEnd)
        {
            return _hotSlot;
        }

        var index = ticks / WidthTicks;
        var slot = (int)(index % _count);
        var start = _block[slot];
        if (start > index)
        {
            return -1;
        }

        if (start != index)
        {
            _block[slot] = index;
            for (var c = slot + _count; c < _block.Length; c += _count)
            {
                _block[c] = 0;
            }
        }

        _hotStart = index * WidthTicks;
        _hotEnd = _hotStart + WidthTicks;
        _hotSlot = slot;
        return slot;
    }

    public void Increment(int slot, int channel) => _block[((channel + 1) * _count) + slot]++;

    public void Add(int slot, int channel, long amount) => _block[((channel + 1) * _count) + slot] += amount;

    /// <summary>Adds one channel over buckets <paramref name="first"/> to <paramref name="last"/>, inclusive.</summary>
    public long Sum(long first, long last, int channel) => SumPair(first, last, channel, channel).First;

    /// <summary>Adds two channels over buckets <paramref name="first"/> to <paramref name="last"/> in one pass.</summary>
    public (long First, long Second) SumPair(long first, long last, int channel, int other)
    {
        var count = _count;
        first = Math.Max(first, last - count + 1);
        if (first > last)
        {
            return (0, 0);
        }

        // The range covers at most two runs of slots (before and after the wrap): one division for
        // the whole range, and loops the JIT can run without bounds checks.
        var slot = (int)(first % count);
        var length = (int)(last - first + 1);
        var head = Math.Min(length, count - slot);
        var (a, b) = SumRun(slot, head, first, channel, other);
        if (head < length)
        {
            var (c, d) = SumRun(0, length - head, first + head, channel, other);
            (a, b) = (a + c, b + d);
        }

        return (a, b);
    }

    private (long First, long Second) SumRun(int slot, int length, long firstIndex, int channel, int other)
    {
        var count = _count;
        var starts = _block.AsSpan(slot, length);
        var rowA = _block.AsSpan(((channel + 1) * count) + slot, length);
        var rowB = _block.AsSpan(((other + 1) * count) + slot, length);
        long a = 0, b = 0;
        for (var i = 0; i < starts.Length && i < rowA.Length && i < rowB.Length; i++)
        {
            if (starts[i] == firstIndex + i)
            {
                a += rowA[i];
                b += rowB[i];
            }
        }

        return (a, b);
    }

    /// <summary>Adds a run of consecutive channels over a range of buckets into <paramref name="totals"/>.</summary>
    public void SumInto(long first, long last, int channel, Span<long> totals)
    {
        for (var i = 0; i < totals.Length; i++)
        {
            totals[i] += Sum(first, last, channel + i);
        }
    }

    public void Restore(long[] starts, long[] data)
    {
        if (starts.Length != _count || data.Length != _block.Length - _count)
        {
            return;
        }

        starts.CopyTo(_block, 0);
        data.CopyTo(_block, _count);
        (_hotStart, _hotEnd) = (long.MaxValue, long.MinValue);
    }
}
