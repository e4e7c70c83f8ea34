using Microsoft.Win32.SafeHandles;

namespace Monitor.Ingest.Tail;

/// <summary>Receives complete lines read from a file; <paramref name="line"/> is advanced past them.</summary>
internal delegate void LineChunkHandler(ReadOnlyMemory<byte> lines, ref long line, string path);

/// <summary>
/// Follows one path. Keeps the file open so lines written just before a rename rotation are still read
/// from the old file, notices a new file at the path (rename and re-create) and a truncation
/// (copy-truncate), and reads only complete lines: a line still being written waits for its newline.
/// After a copy-truncate, the lines written between the last read and the copy are read from the copy
/// (<c>orders.ndjson.1</c>); those written between the copy and the truncation are in neither file, and
/// where the sizes show them, their bytes are reported to <paramref name="lost"/>.
/// </summary>
internal sealed partial class FollowedFile(string path, TailPosition? saved, byte[] buffer, ILogger logger, Action<string, long>? lost = null)
    : IDisposable
{
    private readonly byte[] _buffer = buffer;
    private SafeFileHandle? _handle;
    private FileIdentity _identity;
    private long _offset;
    private long _line;
    private bool _skipping;
    private long _seenLength;
    private RetiredFile? _retired;

    public string Path => path;

    /// <summary>True when nothing is open: the path does not exist and any old file was read to its end.</summary>
    public bool IsIdle => _handle is null && _retired is null;

    public TailPosition? Position => _handle is null ? null : new(path, _offset, _line, _identity.PrefixLength, _identity.PrefixHash);

    /// <summary>Reads what is new. Returns true when anything was read or the file changed.</summary>
    public bool Poll(LineChunkHandler handler, Action<long, string> tooLong)
    {
        var changed = _retired?.Drain(handler, tooLong) ?? false;
        if (_retired is { Finished: true })
        {
            _retired = null;
        }

        if (_handle is null)
        {
            if (!TryOpen(out var handle, out var length))
            {
                return changed;
            }

            Adopt(handle, length, saved);
            _seenLength = length;
            saved = null;
            changed = true;
            // The rest of a file rotated while stopped comes before the new file's lines.
            _retired?.Drain(handler, tooLong);
        }
        else
        {
            var length = RandomAccess.GetLength(_handle);
            if (length < _offset || !_identity.Matches(_handle, length))
            {
                LogTruncated(path, _offset);
                ReadCopy(handler, tooLong);
                Restart(length);
                changed = true;
            }

            _seenLength = length;
        }

        var read = ReadAvailable(handler, tooLong);
        changed |= read;
        switch (CheckPath())
        {
            case PathState.Replaced:
                LogRotated(path, _offset);
                ReadAvailable(handler, tooLong);
                Retire(handler, tooLong);
                if (TryOpen(out var fresh, out var freshLength))
                {
                    Adopt(fresh, freshLength, null);
                    ReadAvailable(handler, tooLong);
                }

                changed = true;
                break;
            case PathState.Missing when !read:
                // Deleted, or renamed away and quiet: finish it so its handle (and disk space) is released.
                LogGone(path, _offset);
                Retire(handler, tooLong);
                changed = true;
                break;
        }

        return changed;
    }

    /// <summary>Moves the open file aside to be read to its end; a previous old file still open is finished first.</summary>
    private void Retire(LineChunkHandler handler, Action<long, string> tooLong)
    {
        for (var i = 0; i < 64 && _retired is { Finished: false } retired; i++)
        {
            retired.Drain(handler, tooLong);
        }

        _retired?.Dispose();
        _retired = new RetiredFile(this);
        _handle = null;
    }

    public void Dispose()
    {
        _handle?.Dispose();
        _retired?.Dispose();
    }

    private void Adopt(SafeFileHandle handle, long length, TailPosition? position)
    {
        _handle = handle;
        if (position is not null && length >= position.Offset && position.Identity.Matches(handle, length))
        {
            _identity = position.Identity;
            _offset = position.Offset;
            _line = position.Line;
            LogResumed(path, _offset, _line);
        }
        else
        {
            if (position is not null)
            {
                ResumeRotatedAway(position);
            }

            Restart(length);
        }
    }

    /// <summary>
    /// After a truncation: reads the rest of the truncated file from its copy, when one beside it starts as it did, and
    /// reports what the sizes show was lost (seen in the file but not in the copy, or, without a copy, seen and unread).
    /// </summary>
    private void ReadCopy(LineChunkHandler handler, Action<long, string> tooLong)
    {
        for (var i = 0; i < 64 && _retired is { Finished: false } retired; i++)
        {
            retired.Drain(handler, tooLong);
        }

        _retired?.Dispose();
        _retired = null;
        var seen = Math.Max(_seenLength, _offset);
        if (FindCopy(_identity, _offset) is { } copy)
        {
            LogReadingCopy(path, copy.Name, _offset);
            _retired = new RetiredFile(this, copy.Handle, _offset, _line, _skipping, isCopy: true);
            _retired.Drain(handler, tooLong);
            ReportLost(seen - copy.Length);
        }
        else
        {
            ReportLost(seen - _offset);
        }
    }

    private void ReportLost(long bytes)
    {
        if (bytes > 0)
        {
            LogLost(path, bytes);
            lost?.Invoke(path, bytes);
        }
    }

    private void Restart(long length)
    {
        _offset = 0;
        _line = 0;
        _skipping = false;
        _seenLength = 0;
        _identity = FileIdentity.Of(_handle!, length);
    }

    /// <summary>Whether the path still names the open file, another one, or nothing.</summary>
    private PathState CheckPath()
    {
        if (!TryOpen(out var fresh, out var freshLength))
        {
            return PathState.Missing;
        }

        using (fresh)
        {
            // The open file's length is taken after the fresh one's: were they one file, it could only be longer.
            var length = RandomAccess.GetLength(_handle!);
            if (_identity.PrefixLength < FileIdentity.MaxPrefix && length > _identity.PrefixLength)
            {
                _identity = FileIdentity.Of(_handle!, length);
            }

            var other = !_identity.Matches(fresh, freshLength)
                || (_identity.PrefixLength < FileIdentity.MaxPrefix && freshLength > _identity.PrefixLength);
            return other ? PathState.Replaced : PathState.Same;
        }
    }

    private enum PathState
    {
        Same,
        Replaced,
        Missing,
    }
}
