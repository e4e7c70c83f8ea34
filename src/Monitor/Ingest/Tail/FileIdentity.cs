using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Monitor.Ingest.Tail;

/// <summary>
/// Tells one log file from another without an inode: a hash of its first bytes. A rotated-in file or
/// a truncated-and-rewritten one starts with other lines (each carries its own time), so its prefix differs.
/// </summary>
/// <param name="PrefixLength">How many leading bytes the hash covers (at most <see cref="MaxPrefix"/>).</param>
/// <param name="PrefixHash">The first 8 bytes of SHA-256 over them.</param>
internal readonly record struct FileIdentity(int PrefixLength, long PrefixHash)
{
    public const int MaxPrefix = 1024;

    public static FileIdentity Of(SafeFileHandle handle, long length)
    {
        var count = (int)Math.Min(MaxPrefix, length);
        Span<byte> prefix = stackalloc byte[MaxPrefix];
        var read = ReadFully(handle, prefix[..count]);
        return new FileIdentity(read, Hash(prefix[..read]));
    }

    /// <summary>True when the file's first <see cref="PrefixLength"/> bytes are the ones this identity was taken from.</summary>
    public bool Matches(SafeFileHandle handle, long length)
    {
        if (length < PrefixLength)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[MaxPrefix];
        var read = ReadFully(handle, prefix[..PrefixLength]);
        return read == PrefixLength && Hash(prefix[..read]) == PrefixHash;
    }

    private static long Hash(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(bytes, digest);
        return BinaryPrimitives.ReadInt64LittleEndian(digest);
    }

    private static int ReadFully(SafeFileHandle handle, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = RandomAccess.Read(handle, buffer[total..], total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
