using Microsoft.Win32.SafeHandles;

namespace Monitor.Ingest.Tail;

/// <summary>Receives complete lines read from a file; <paramref name="line"/> is advanced past them.</summary>
internal delegate void LineChunkHandler(ReadOnlyMemory<byte> lines, ref long line, string path);

/// <summary>
/// Follows one path. Keeps the file open so lines written just before a rename rotation are still read
/// from the old file, notices a new file at the path (rename and re-create) and a truncation
/// (copy-truncate), and reads only complete lines: a line still being written waits for its newline.
/// </summary>
internal sealed partial class FollowedFile(string path, TailPosition? saved, byte[] buffer, ILogger logger) : IDisposable
{
    private readonly byte[] _buffer = buffer;
    private SafeFileHandle? _handle;
    private FileIdentity _identity;
    private long _offset;
    private long _line;
    private bool _skipping;
    private RetiredFile? _retired;

    public string Path => path;

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
                Restart(length);
                changed = true;
            }
        }

        changed |= ReadAvailable(handler, tooLong);
        if (Replaced())
        {
            LogRotated(path, _offset);
            changed |= ReadAvailable(handler, tooLong);
            FinishRetired(handler, tooLong);
            _retired = new RetiredFile(this);
            _handle = null;
            if (TryOpen(out var fresh, out var freshLength))
            {
                Adopt(fresh, freshLength, null);
                ReadAvailable(handler, tooLong);
            }

            changed = true;
        }

        return changed;
    }

    /// <summary>A second rotation before the first old file went quiet: read that one to its end now.</summary>
    private void FinishRetired(LineChunkHandler handler, Action<long, string> tooLong)
    {
        for (var i = 0; i < 64 && _retired is { Finished: false } retired; i++)
        {
            retired.Drain(handler, tooLong);
        }

        _retired?.Dispose();
        _retired = null;
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

    private void Restart(long length)
    {
        _offset = 0;
        _line = 0;
        _skipping = false;
        _identity = FileIdentity.Of(_handle!, length);
    }

    /// <summary>Whether the path now names another file than the open one.</summary>
    private bool Replaced()
    {
        if (!TryOpen(out var fresh, out var freshLength))
        {
            return false; // Renamed away and not yet re-created: keep reading the old file.
        }

        using (fresh)
        {
            // The open file's length is taken after the fresh one's: were they one file, it could only be longer.
            var length = RandomAccess.GetLength(_handle!);
            if (_identity.PrefixLength < FileIdentity.MaxPrefix && length > _identity.PrefixLength)
            {
                _identity = FileIdentity.Of(_handle!, length);
            }

            return !_identity.Matches(fresh, freshLength)
                || (_identity.PrefixLength < FileIdentity.MaxPrefix && freshLength > _identity.PrefixLength);
        }
    }
}
