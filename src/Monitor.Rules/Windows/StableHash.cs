namespace Monitor.Rules.Windows;

/// <summary>
/// A 64-bit hash of a string that is the same in every process (string.GetHashCode is randomised per
/// process, which would break restored snapshots): FNV-1a over the UTF-16 code units, then a
/// SplitMix64 finaliser so that low and high bits are both well mixed.
/// </summary>
internal static class StableHash
{
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= hash >> 30;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        return hash == 0 ? 1 : hash; // zero marks an empty slot
    }
}
