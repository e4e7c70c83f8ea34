using Microsoft.Win32.SafeHandles;

namespace Monitor.Ingest.Tail;

/// <summary>Receives complete lines read from a file; <paramref name="line"/> is advanced past them.</summary>
internal delegate void LineChunkHandler(ReadOnlySpan<byte> lines, ref long line, string path);

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

    /// <summary>
    /// The file at the path is not the saved one: it was rotated while the daemon was stopped. When the
    /// saved file is found beside it under a rotated name (<c>orders.ndjson.1</c>), its rest is read first.
    /// </summary>
    private void ResumeRotatedAway(TailPosition position)
    {
        var directory = System.IO.Path.GetDirectoryName(path) ?? ".";
        IEnumerable<string> candidates = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, System.IO.Path.GetFileName(path) + ".*").Order(StringComparer.Ordinal)
            : [];
        foreach (var candidate in candidates)
        {
            SafeFileHandle? handle = null;
            try
            {
                handle = File.OpenHandle(candidate, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var length = RandomAccess.GetLength(handle);
                if (length >= position.Offset && position.Identity.Matches(handle, length))
                {
                    LogResumedRotated(path, candidate, position.Offset);
                    _retired = new RetiredFile(this, handle, position.Offset, position.Line, skipping: false);
                    return;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Unreadable candidate: not the one.
            }

            handle?.Dispose();
        }

        LogNotResumed(path, position.Offset);
    }

    private void Restart(long length)
    {
        _offset = 0;
        _line = 0;
        _skipping = false;
        _identity = FileIdentity.Of(_handle!, length);
    }

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

            var complete = span[..(last + 1)];
            if (skipping)
            {
                complete = complete[(complete.IndexOf((byte)'\n') + 1)..];
                skipping = false;
            }

            handler(complete, ref line, path);
            offset += last + 1;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tail {Path}: resumed at byte {Offset} (line {Line})")]
    private partial void LogResumed(string path, long offset, long line);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tail {Path}: rotated while stopped; reading the rest of {Rotated} from byte {Offset}, then the new file")]
    private partial void LogResumedRotated(string path, string rotated, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tail {Path}: the file is not the one saved at byte {Offset}, and no rotated copy of it was found; reading the new file from its start")]
    private partial void LogNotResumed(string path, long offset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tail {Path}: truncated below byte {Offset}; reading from the start")]
    private partial void LogTruncated(string path, long offset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tail {Path}: rotated at byte {Offset}; following the new file")]
    private partial void LogRotated(string path, long offset);
}
