using System.Buffers;
using System.Runtime.CompilerServices;

namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// Cuts a stream into blocks of whole lines. Memory stays bounded: a line longer than
/// <paramref name="maxLineBytes"/> is handed on as an oversize stub and the rest of it is skipped.
/// </summary>
internal sealed class FeedBlockReader(Stream stream, int blockSize, int maxLineBytes)
{
    public long BytesRead { get; private set; }

    public async IAsyncEnumerable<FeedBlock> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pool = ArrayPool<byte>.Shared;
        var buffer = pool.Rent(blockSize);
        var filled = 0;
        var searched = 0; // buffer[..searched] is known to hold no newline
        var skipping = false;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    buffer = Grow(buffer, filled);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                BytesRead += read;
                filled += read;
                if (skipping)
                {
                    // Throwing away the rest of an oversize line, up to its newline.
                    var nl = buffer.AsSpan(0, filled).IndexOf((byte)'\n');
                    if (nl < 0)
                    {
                        filled = 0;
                        continue;
                    }

                    skipping = false;
                    buffer.AsSpan(nl + 1, filled - nl - 1).CopyTo(buffer);
                    filled -= nl + 1;
                    searched = 0;
                }

                if (filled < blockSize)
                {
                    // Keep filling: network streams hand out small reads, workers want big blocks.
                    continue;
                }

                var last = buffer.AsSpan(searched, filled - searched).LastIndexOf((byte)'\n');
                if (last >= 0)
                {
                    last += searched;
                    var carry = filled - last - 1;
                    var next = pool.Rent(Math.Max(blockSize, carry * 2));
                    buffer.AsSpan(last + 1, carry).CopyTo(next);
                    var block = new FeedBlock(buffer, last + 1, oversize: false);
                    buffer = next;
                    filled = carry;
                    searched = carry;
                    yield return block;
                }
                else if (filled > maxLineBytes)
                {
                    var block = new FeedBlock(buffer, maxLineBytes, oversize: true);
                    buffer = pool.Rent(blockSize);
                    filled = 0;
                    searched = 0;
                    skipping = true;
                    yield return block;
                }
                else
                {
                    searched = filled;
                }
            }

            if (filled > 0 && !skipping)
            {
                // The last line may lack its newline; a truncated file ends this way.
                var block = new FeedBlock(buffer, filled, oversize: false);
                buffer = pool.Rent(1);
                yield return block;
            }
        }
        finally
        {
            pool.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int filled)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, filled).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
