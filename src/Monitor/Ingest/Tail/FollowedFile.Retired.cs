using Microsoft.Win32.SafeHandles;

namespace Monitor.Ingest.Tail;

internal sealed partial class FollowedFile
{
    /// <summary>
    /// The file that was at the path before a rename rotation. It stays open until a poll finds nothing
    /// new in it, since a writer may finish its last lines there after the rename; then its final line,
    /// even without a newline, is read and the file is closed.
    /// </summary>
    private sealed class RetiredFile(FollowedFile owner) : IDisposable
    {
        private readonly SafeFileHandle _handle = owner._handle!;
        private long _offset = owner._offset;
        private long _line = owner._line;
        private bool _skipping = owner._skipping;

        public bool Finished { get; private set; }

        public bool Drain(LineChunkHandler handler, Action<long, string> tooLong)
        {
            if (owner.ReadAvailable(_handle, ref _offset, ref _line, ref _skipping, handler, tooLong))
            {
                return true;
            }

            var read = RandomAccess.Read(_handle, owner._buffer, _offset);
            if (read > 0 && !_skipping)
            {
                handler(owner._buffer.AsSpan(0, read), ref _line, owner.Path);
            }

            Finished = true;
            Dispose();
            return read > 0;
        }

        public void Dispose() => _handle.Dispose();
    }
}
