using System.Numerics;
using System.Runtime.InteropServices;

namespace Monitor.Rules.Windows;

/// <summary>
/// A 64-bit hash of a string that is the same in every process (string.GetHashCode is randomised per
/// process, which would break restored snapshots). Four UTF-16 code units are folded in per multiply,
/// then a SplitMix64 finaliser mixes low and high bits, which the tracker tables both use.
/// </summary>
internal static class StableHash
{
    private const ulong Prime = 0x9E3779B97F4A7C15UL;

    public static ulong Of(string text)
    {
        var chars = text.AsSpan();
        var hash = 0xCBF29CE484222325UL ^ (ulong)chars.Length;
        var words = MemoryMarshal.Cast<char, ulong>(chars);
        foreach (var word in words)
        {
            hash = BitOperations.RotateLeft((hash ^ word) * Prime, 29);
        }

        for (var i = words.Length * 4; i < chars.Length; i++)
        {
            hash = BitOperations.RotateLeft((hash ^ chars[i]) * Prime, 29);
        }

        hash ^= hash >> 30;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        return hash == 0 ? 1 : hash; // zero marks an empty slot
    }
}
