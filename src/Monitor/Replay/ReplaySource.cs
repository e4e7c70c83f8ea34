using System.IO.Compression;

namespace Monitor.Replay;

/// <summary>Opens one replay input: a file or <c>-</c> for standard input, gzip-compressed or not (told by its first bytes).</summary>
internal static class ReplaySource
{
    public const string StandardInput = "-";

    /// <summary>The name shown beside line numbers.</summary>
    public static string DisplayName(string path) => path == StandardInput ? "<stdin>" : path;

    public static Stream Open(string path, Stream? standardInput = null)
    {
        var raw = path == StandardInput
            ? standardInput ?? Console.OpenStandardInput()
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        var read = ReadUpTo(raw, magic);
        var prefixed = new PrefixedStream(magic[..read].ToArray(), raw);
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b
            ? new GZipStream(prefixed, CompressionMode.Decompress, leaveOpen: false)
            : prefixed;
    }

    private static int ReadUpTo(Stream stream, Span<byte> into)
    {
        var total = 0;
        while (total < into.Length)
        {
            var n = stream.Read(into[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>A stream that gives back bytes already read from another before the rest of it.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream inner) : Stream
    {
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_offset < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - _offset);
                prefix.AsSpan(_offset, n).CopyTo(buffer);
                _offset += n;
                return n;
            }

            return inner.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
