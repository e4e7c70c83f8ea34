using System.Buffers;

namespace Monitor.Probes.Http;

/// <summary>
/// An answer body read up to a cap into a pooled buffer; never more than <c>cap + 1</c> bytes are held, whatever
/// the server sends. Dispose returns the buffer.
/// </summary>
internal sealed class CappedBody : IDisposable
{
    private byte[] _buffer;

    private CappedBody(byte[] buffer) => _buffer = buffer;

    public int Length { get; private set; }

    /// <summary>True when the body was longer than the cap; <see cref="Span"/> then holds only a prefix.</summary>
    public bool TooLarge { get; private set; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    /// <summary>Reads the body; <paramref name="progress"/> counts bytes as they come, for a timeout's detail.</summary>
    public static async Task<CappedBody> ReadAsync(HttpContent content, int cap, AttemptProgress progress, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > cap)
        {
            return new CappedBody([]) { TooLarge = true };
        }

        var body = new CappedBody(ArrayPool<byte>.Shared.Rent((int)Math.Min(cap + 1L, declared + 1 ?? 16 * 1024)));
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        while (true)
        {
            if (body.Length == body._buffer.Length)
            {
                if (body.Length > cap)
                {
                    body.TooLarge = true;
                    return body;
                }

                body.Grow((int)Math.Min(cap + 1L, body._buffer.Length * 2L));
            }

            var read = await stream.ReadAsync(body._buffer.AsMemory(body.Length), cancellationToken);
            if (read == 0)
            {
                return body;
            }

            body.Length += read;
            progress.BodyBytes = body.Length;
            if (body.Length > cap)
            {
                body.TooLarge = true;
                return body;
            }
        }
    }

    private void Grow(int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        Span.CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
        Length = 0;
    }
}
