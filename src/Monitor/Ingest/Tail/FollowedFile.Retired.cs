using Microsoft.Win32.SafeHandles;

namespace Monitor.Ingest.Tail;

internal sealed partial class FollowedFile
{
    /// <summary>
    /// The file that was at the path before a rename rotation. It stays open until a poll finds nothing
    /// new in it, since a writer may finish its last lines there after the rename; then its final line,
    /// even without a newline, is read and the file is closed. A copy made by copy-truncate is read to its
    /// last newline only: its unfinished last line was finished in the truncated file, and is counted as lost.
    /// </summary>
    private sealed class RetiredFile(FollowedFile owner, SafeFileHandle handle, long offset, long line, bool skipping, bool isCopy = false)
        : IDisposable
    {
        private readonly SafeFileHandle _handle = handle;
        private long _offset = offset;
        private long _line = line;
        private bool _skipping = skipping;

        /// <summary>Retires the file the owner has open now.</summary>
        public RetiredFile(FollowedFile owner)
            : this(owner, owner._handle!, owner._offset, owner._line, owner._skipping)
        {
        }

        public bool Finished { get; private set; }

        public bool Drain(LineChunkHandler handler, Action<long, string> tooLong)
        {
            if (Finished)
            {
                return false;
            }

            if (owner.ReadAvailable(_handle, ref _offset, ref _line, ref _skipping, handler, tooLong))
            {
                return true;
            }

            var read = RandomAccess.Read(_handle, owner._buffer, _offset);
            if (read > 0 && isCopy)
            {
                owner.ReportLost(read);
            }
            else if (read > 0 && !_skipping)
            {
                handler(owner._buffer.AsMemory(0, read), ref _line, owner.Path);
            }

            Finished = true;
            Dispose();
            return read > 0;
        }

        public void Dispose() => _handle.Dispose();
    }
}
