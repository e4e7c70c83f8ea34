namespace Monitor.Replay;

/// <summary>
/// Reads a stream as lines through one reused buffer, so memory stays constant whatever the input size.
/// A line longer than the buffer is handed on as too long, without its content.
/// </summary>
internal sealed class LineSplitter(int bufferSize = LineSplitter.DefaultBufferSize)
{
    public const int DefaultBufferSize = 1 << 20;

    private readonly byte[] _buffer = new byte[bufferSize];

    /// <summary>Called once per line with its 1-based number; an empty span with <c>tooLong</c> set for an oversized line.</summary>
    public delegate void LineHandler(ReadOnlySpan<byte> line, long number, bool tooLong);

    public void Split(Stream stream, LineHandler handler)
    {
        long number = 0;
        var filled = 0;
        var skipping = false;
        while (true)
        {
            var read = stream.Read(_buffer, filled, _buffer.Length - filled);
            if (read == 0)
            {
                if (filled > 0 || skipping)
                {
                    handler(skipping ? default : _buffer.AsSpan(0, filled), ++number, skipping);
                }

                return;
            }

            filled += read;
            var data = _buffer.AsSpan(0, filled);
            var start = 0;
            while (true)
            {
                var end = data[start..].IndexOf((byte)'\n');
                if (end < 0)
                {
                    break;
                }

                var line = data.Slice(start, end);
                handler(skipping ? default : line, ++number, skipping);
                skipping = false;
                start += end + 1;
            }

            if (start == 0 && filled == _buffer.Length)
            {
                // No line end in a full buffer: drop what is there and skip to the next line end.
                skipping = true;
                filled = 0;
                continue;
            }

            data[start..].CopyTo(_buffer);
            filled -= start;
        }
    }
}
