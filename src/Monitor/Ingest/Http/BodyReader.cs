using System.Buffers;
using System.IO.Pipelines;

namespace Monitor.Ingest.Http;

/// <summary>Reads a whole request body into a pooled array, stopping as soon as it passes the limit.</summary>
internal static class BodyReader
{
    /// <summary>The body in a rented array (return it), or null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<(byte[]? Buffer, int Length)> ReadAsync(PipeReader reader, long limit, long? contentLength, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(contentLength ?? 64 * 1024, 4096, limit + 1));
        var length = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var data = result.Buffer;
                if (length + data.Length > limit)
                {
                    reader.AdvanceTo(data.End);
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, 0);
                }

                if (length + data.Length > buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1, Math.Max(buffer.Length * 2L, length + data.Length)));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                data.CopyTo(buffer.AsSpan(length));
                length += (int)data.Length;
                reader.AdvanceTo(data.End);
                if (result.IsCompleted)
                {
                    return (buffer, length);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
