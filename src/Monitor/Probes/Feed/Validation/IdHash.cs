using System.Buffers.Binary;

namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// A stable 64-bit hash of an <c>@id</c>'s UTF-8 bytes. Ids are kept as hashes so that uniqueness,
/// references and drops cost eight bytes per entity whatever the id length; stable across
/// processes because the previous run's set is stored on disk.
/// </summary>
internal static class IdHash
{
    private const ulong Prime = 0x9E3779B97F4A7C15UL;

    public static ulong Of(ReadOnlySpan<byte> id)
    {
        var h = 0x243F6A8885A308D3UL ^ ((ulong)id.Length * Prime);
        while (id.Length >= 8)
        {
            h = Mix(h ^ BinaryPrimitives.ReadUInt64LittleEndian(id));
            id = id[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < id.Length; i++)
        {
            tail |= (ulong)id[i] << (8 * i);
        }

        h = Finish(Mix(h ^ tail));
        // Zero marks an empty slot in LongHashSet.
        return h == 0 ? 1 : h;
    }

    /// <summary>An id's hash joined with a small tag (a Service's type), never zero.</summary>
    public static ulong Combine(ulong hash, byte tag)
    {
        var h = Finish(hash ^ ((ulong)tag * Prime));
        return h == 0 ? 1 : h;
    }

    private static ulong Mix(ulong h) => (h ^ (h >> 29)) * Prime + 0x6A09E667F3BCC909UL;

    // The splitmix64 finaliser: every input bit reaches every output bit.
    private static ulong Finish(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
