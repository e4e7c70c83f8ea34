using Microsoft.Win32.SafeHandles;

namespace Monitor.Ingest.Tail;

internal sealed partial class FollowedFile
{
    private bool TryOpen(out SafeFileHandle handle, out long length)
    {
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            length = RandomAccess.GetLength(handle);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            handle = null!;
            length = 0;
            return false;
        }
    }

    private bool ReadAvailable(LineChunkHandler handler, Action<long, string> tooLong) =>
        ReadAvailable(_handle!, ref _offset, ref _line, ref _skipping, handler, tooLong);

    private bool ReadAvailable(SafeFileHandle handle, ref long offset, ref long line, ref bool skipping, LineChunkHandler handler, Action<long, string> tooLong)
    {
        var any = false;
        while (true)
        {
            var read = RandomAccess.Read(handle, _buffer, offset);
            if (read == 0)
            {
                return any;
            }

            var span = _buffer.AsSpan(0, read);
            var last = span.LastIndexOf((byte)'\n');
            if (last < 0 && read < _buffer.Length)
            {
                return any; // The last line is still being written.
            }

            any = true;
            if (last < 0)
            {
                // A line longer than the buffer: refused once, then skipped up to its newline.
                if (!skipping)
                {
                    line++;
                    tooLong(line, path);
                    skipping = true;
                }

                offset += read;
                continue;
            }

            // Past a skipped over-long line, its tail up to the first newline is not a line of its own.
            var start = skipping ? span.IndexOf((byte)'\n') + 1 : 0;
            skipping = false;
            handler(_buffer.AsMemory(start, last + 1 - start), ref line, path);
            offset += last + 1;
        }
    }
}
