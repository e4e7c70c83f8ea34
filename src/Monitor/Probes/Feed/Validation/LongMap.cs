namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// An open-addressing map from non-zero 64-bit hashes to 64-bit values: sixteen bytes a slot and no
/// per-entry objects, for the child-to-tree bookkeeping of large feeds.
/// </summary>
internal sealed class LongMap
{
    private ulong[] _keys;
    private long[] _values;
    private int _mask;

    public LongMap(int capacity = 1024)
    {
        var size = 16;
        while (size < capacity * 2)
        {
            size <<= 1;
        }

        _keys = new ulong[size];
        _values = new long[size];
        _mask = size - 1;
    }

    public int Count { get; private set; }

    /// <summary>The slot of <paramref name="key"/>, added with value 0 when absent.</summary>
    public ref long GetOrAdd(ulong key)
    {
        if ((Count + 1) * 4L > _keys.Length * 3L)
        {
            Grow();
        }

        var i = (int)key & _mask;
        while (_keys[i] != key)
        {
            if (_keys[i] == 0)
            {
                _keys[i] = key;
                Count++;
                break;
            }

            i = (i + 1) & _mask;
        }

        return ref _values[i];
    }

    public bool TryGetValue(ulong key, out long value)
    {
        var i = (int)key & _mask;
        while (_keys[i] != 0)
        {
            if (_keys[i] == key)
            {
                value = _values[i];
                return true;
            }

            i = (i + 1) & _mask;
        }

        value = 0;
        return false;
    }

    private void Grow()
    {
        var keys = _keys;
        var values = _values;
        _keys = new ulong[keys.Length * 2];
        _values = new long[keys.Length * 2];
        _mask = _keys.Length - 1;
        Count = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] != 0)
            {
                GetOrAdd(keys[i]) = values[i];
            }
        }
    }
}
