using Monitor.Rules.State;

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
internal sealed class RestaurantTracker
{
    public const int ExactLimit = 128;
    public const int SketchSlots = 1024;
    private const int TableSize = 256;
    private const int SampleSize = 16;

    [ThreadStatic]
    private static ulong[]? t_scratchHashes;

    [ThreadStatic]
    private static long[]? t_scratchSeen;

    private readonly long _horizon;
    private ulong[] _hashes = new ulong[TableSize];
    private long[] _seen = new long[TableSize];
    private int _used;
    private long[]? _sketch;
    private long _overflowSeen = long.MinValue;
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

        if (isNew)
        {
            _sampleNames[_sampleNext] = restaurant;
            _sampleSeen[_sampleNext] = at;
            _sampleNext = (_sampleNext + 1) % SampleSize;
        }
    }

    /// <summary>Distinct restaurants last seen at or after <paramref name="first"/>.</summary>
    public int Count(long first, long now)
    {
        if (_sketch is { } sketch && _overflowSeen >= now - _horizon)
        {
            var empty = 0;
            foreach (var seen in sketch)
            {
                if (seen < first)
                {
                    empty++;
                }
            }

            return empty == 0
                ? (int)(SketchSlots * Math.Log(SketchSlots))
                : (int)Math.Round(-SketchSlots * Math.Log((double)empty / SketchSlots));
        }

        var count = 0;
        for (var i = 0; i < TableSize; i++)
        {
            if (_hashes[i] != 0 && _seen[i] >= first)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>A few restaurant ids among those newly seen at or after <paramref name="first"/>, most recent first.</summary>
    public IReadOnlyList<string> Sample(long first, int max)
    {
        var names = new List<string>(max);
        for (var k = 1; k <= SampleSize && names.Count < max; k++)
        {
            var i = (_sampleNext - k + SampleSize) % SampleSize;
            if (_sampleNames[i] is { } name && _sampleSeen[i] >= first && !names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private bool AddExact(ulong hash, long at)
    {
        while (true)
        {
            var i = (int)(hash % TableSize);
            while (_hashes[i] != 0)
            {
                if (_hashes[i] == hash)
                {
                    var wasExpired = _seen[i] < at - _horizon;
                    _seen[i] = Math.Max(_seen[i], at);
                    return wasExpired;
                }

                i = (i + 1) % TableSize;
            }

            if (_used < ExactLimit)
            {
                _hashes[i] = hash;
                _seen[i] = at;
                _used++;
                return true;
            }

            if (!Compact(at))
            {
                Overflow(at);
                return true;
            }
        }
    }

    /// <summary>Drops entries older than the horizon; false when nothing could be dropped.</summary>
    private bool Compact(long now)
    {
        var hashes = t_scratchHashes ??= new ulong[ExactLimit];
        var seen = t_scratchSeen ??= new long[ExactLimit];
        var live = 0;
        for (var i = 0; i < TableSize; i++)
        {
            if (_hashes[i] != 0 && _seen[i] >= now - _horizon)
            {
                hashes[live] = _hashes[i];
                seen[live++] = _seen[i];
            }
        }

        if (live == _used)
        {
            return false;
        }

        Array.Clear(_hashes);
        _used = 0;
        for (var k = 0; k < live; k++)
        {
            var i = (int)(hashes[k] % TableSize);
            while (_hashes[i] != 0)
            {
                i = (i + 1) % TableSize;
            }

            _hashes[i] = hashes[k];
            _seen[i] = seen[k];
            _used++;
        }

        return true;
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
        for (var i = 0; i < TableSize; i++)
        {
            if (_hashes[i] != 0)
            {
                var slot = (int)((_hashes[i] >> 32) % SketchSlots);
                _sketch[slot] = Math.Max(_sketch[slot], _seen[i]);
            }
        }
    }

    public RestaurantTrackerSnapshot ToSnapshot() => new(
        (ulong[])_hashes.Clone(), (long[])_seen.Clone(), _sketch is null ? null : (long[])_sketch.Clone(),
        _overflowSeen, (string?[])_sampleNames.Clone(), (long[])_sampleSeen.Clone(), _sampleNext);

    public void Restore(RestaurantTrackerSnapshot snapshot)
    {
        if (snapshot.Hashes.Length != TableSize || snapshot.Seen.Length != TableSize
            || snapshot.SampleNames.Length != SampleSize || snapshot.SampleSeen.Length != SampleSize
            || snapshot.Sketch is { Length: not SketchSlots })
        {
            return;
        }

        _hashes = (ulong[])snapshot.Hashes.Clone();
        _seen = (long[])snapshot.Seen.Clone();
        _used = _hashes.Count(h => h != 0);
        _sketch = snapshot.Sketch is null ? null : (long[])snapshot.Sketch.Clone();
        _overflowSeen = snapshot.OverflowSeen;
        snapshot.SampleNames.CopyTo(_sampleNames, 0);
        snapshot.SampleSeen.CopyTo(_sampleSeen, 0);
        _sampleNext = Math.Clamp(snapshot.SampleNext, 0, SampleSize - 1);
    }
}
