using System.Runtime.CompilerServices;

namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// An open-addressing set of non-zero 64-bit hashes: eight bytes a slot, no per-entry objects,
/// so millions of ids fit in tens of megabytes (a <c>HashSet&lt;ulong&gt;</c> needs about 2.5 times more).
/// </summary>
internal sealed class LongHashSet
{
    private ulong[] _slots;
    private int _mask;

    public LongHashSet(int capacity = 1024)
    {
        var size = 16;
        while (size < capacity * 2)
        {
            size <<= 1;
        }

        _slots = new ulong[size];
        _mask = size - 1;
    }

    public int Count { get; private set; }

    /// <summary>Adds a hash; false when it was already there.</summary>
    /// <remarks>
    /// Inlined into the tally's merge loop, its one hot caller, with the rare growth kept out of line: only dynamic
    /// PGO inlines it otherwise, and the daemon runs without PGO.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(ulong hash)
    {
        if ((Count + 1) * 4L > _slots.Length * 3L)
        {
            Grow();
        }

        var i = (int)hash & _mask;
        while (true)
        {
            var slot = _slots[i];
            if (slot == 0)
            {
                _slots[i] = hash;
                Count++;
                return true;
            }

            if (slot == hash)
            {
                return false;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>
    /// Reads the home slot of a hash without acting on it. Touching a block's slots in one pass lets
    /// the processor fetch many cache lines at once, so the inserts that follow mostly hit cache.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Touch(ulong hash) => _slots[(int)hash & _mask];

    public bool Contains(ulong hash)
    {
        var i = (int)hash & _mask;
        while (true)
        {
            var slot = _slots[i];
            if (slot == hash)
            {
                return true;
            }

            if (slot == 0)
            {
                return false;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>Copies the members into a new array, in no particular order.</summary>
    public ulong[] ToArray()
    {
        var result = new ulong[Count];
        var n = 0;
        foreach (var slot in _slots)
        {
            if (slot != 0)
            {
                result[n++] = slot;
            }
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        var old = _slots;
        _slots = new ulong[old.Length * 2];
        _mask = _slots.Length - 1;
        Count = 0;
        foreach (var slot in old)
        {
            if (slot != 0)
            {
                Add(slot);
            }
        }
    }
}
