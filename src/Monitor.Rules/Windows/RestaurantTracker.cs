namespace Monitor.Rules.Windows;

/// <summary>
/// Distinct restaurants among failures, per time range, in bounded memory. Up to
/// <see cref="ExactLimit"/> restaurants seen within the horizon are counted exactly (an open-addressing
/// table of 64-bit hashes with the time each was last seen). When more are live at once, a
/// time-stamped linear-counting sketch of <see cref="SketchSlots"/> slots takes over for as long as
/// the overflow is within the horizon. Its standard error is sqrt(m(e^t - t - 1)) / n with t = n / m:
/// about 1.6% at 200 restaurants, 3% at 1,000, 4% at 3,000; it saturates near m ln m (about 7,000).
/// Times are in units of the engine's resolution.
/// </summary>
internal sealed partial class RestaurantTracker
{
    public const int ExactLimit = 128;
    public const int SketchSlots = 1024;
    private const int TableSize = 256;
    private const int SampleSize = 16;

    private readonly long _horizon;

    // Open-addressing index over the dense arrays below. A slot holds the hash's upper 56 bits and, in
    // its low byte, the dense position plus one (so that zero means empty): one cache line per probe.
    private readonly ulong[] _slots = new ulong[TableSize];
    private const ulong KeyMask = ~0xFFUL;

    // Restaurants kept exactly, packed so that counting reads only the times in use.
    private readonly ulong[] _hashes = new ulong[ExactLimit];
    private readonly long[] _seen = new long[ExactLimit];
    private int _used;

    private long[]? _sketch;
    private long _overflowSeen = long.MinValue;
    private long _retryCompactAt = long.MinValue;
    private readonly string?[] _sampleNames = new string?[SampleSize];
    private readonly long[] _sampleSeen = new long[SampleSize];
    private int _sampleNext;

    public RestaurantTracker(long horizon) => _horizon = Math.Max(1, horizon);

    /// <summary>Records a failure of <paramref name="restaurant"/> at time <paramref name="at"/>.</summary>
    public void Add(string restaurant, ulong hash, long at)
    {
        var isNew = AddExact(hash, at);
        if (_sketch is { } sketch)
        {
            var slot = (int)((hash >> 32) % SketchSlots);
            if (sketch[slot] < at)
            {
                sketch[slot] = at;
            }
        }

        // While overflowing every unknown restaurant looks new: sample a sixteenth of them.
        if (isNew && (_overflowSeen < at - _horizon || (hash & 0xF00) == 0))
        {
            _sampleNames[_sampleNext] = restaurant;
            _sampleSeen[_sampleNext] = at;
            _sampleNext = (_sampleNext + 1) % SampleSize;
        }
    }

    private bool AddExact(ulong hash, long at)
    {
        var key = hash & KeyMask;
        while (true)
        {
            var i = (int)(hash % TableSize);
            while (_slots[i] != 0)
            {
                if ((_slots[i] & KeyMask) == key)
                {
                    var position = (int)(_slots[i] & 0xFF) - 1;
                    var wasExpired = _seen[position] < at - _horizon;
                    _seen[position] = Math.Max(_seen[position], at);
                    return wasExpired;
                }

                i = (i + 1) % TableSize;
            }

            if (_used < ExactLimit)
            {
                _slots[i] = key | (uint)(_used + 1);
                _hashes[_used] = hash;
                _seen[_used++] = at;
                return true;
            }

            // A compaction that frees nothing is not retried for a sixteenth of the horizon: while more
            // restaurants than the table holds are live, every new one would otherwise pay for a scan.
            if (at < _retryCompactAt || !Compact(at))
            {
                _retryCompactAt = Math.Max(_retryCompactAt, at + Math.Max(1, _horizon / 16));
                Overflow(at);
                return true;
            }
        }
    }

    /// <summary>Drops restaurants not seen within the horizon; false when nothing could be dropped.</summary>
    private bool Compact(long now)
    {
        var kept = 0;
        for (var k = 0; k < _used; k++)
        {
            if (_seen[k] >= now - _horizon)
            {
                (_hashes[kept], _seen[kept]) = (_hashes[k], _seen[k]);
                kept++;
            }
        }

        if (kept == _used)
        {
            return false;
        }

        _used = kept;
        Reindex();
        return true;
    }

    private void Reindex()
    {
        Array.Clear(_slots);
        for (var k = 0; k < _used; k++)
        {
            var i = (int)(_hashes[k] % TableSize);
            while (_slots[i] != 0)
            {
                i = (i + 1) % TableSize;
            }

            _slots[i] = (_hashes[k] & KeyMask) | (uint)(k + 1);
        }
    }

    private void Overflow(long at)
    {
        _overflowSeen = at;
        if (_sketch is not null)
        {
            return;
        }

        // Seed the sketch with what the exact table knows so the switch loses nothing.
        _sketch = new long[SketchSlots];
        Array.Fill(_sketch, long.MinValue);
        for (var k = 0; k < _used; k++)
        {
            var slot = (int)((_hashes[k] >> 32) % SketchSlots);
            _sketch[slot] = Math.Max(_sketch[slot], _seen[k]);
        }
    }
}
