using System.Buffers;

namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// Whole lines read from a feed file, in a pooled buffer that the worker validating them returns.
/// An <see cref="Oversize"/> block holds only the start of one line too long to be an entity.
/// </summary>
internal sealed class FeedBlock(byte[] buffer, int length, bool oversize) : IDisposable
{
    private byte[]? _buffer = buffer;

    public ReadOnlySpan<byte> Data => _buffer.AsSpan(0, length);

    public int Length => length;

    public bool Oversize => oversize;

    public void Dispose()
    {
        var b = Interlocked.Exchange(ref _buffer, null);
        if (b is not null)
        {
            ArrayPool<byte>.Shared.Return(b);
        }
    }
}
