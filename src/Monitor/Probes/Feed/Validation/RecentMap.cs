namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// A direct-mapped cache from hashes to values: a fixed megabyte, where a new key may evict an old
/// one. Children follow their parents closely in real feeds, so recent parents are what is looked up.
/// </summary>
internal sealed class RecentMap
{
    private const int Size = 1 << 16;
    private readonly ulong[] _keys = new ulong[Size];
    private readonly long[] _values = new long[Size];

    public void Set(ulong key, long value)
    {
        var i = (int)(key >> 48) & (Size - 1);
        _keys[i] = key;
        _values[i] = value;
    }

    public bool TryGetValue(ulong key, out long value)
    {
        var i = (int)(key >> 48) & (Size - 1);
        value = _values[i];
        return _keys[i] == key;
    }
}
