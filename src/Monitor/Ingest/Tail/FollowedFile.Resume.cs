using Microsoft.Win32.SafeHandles;

namespace Monitor.Ingest.Tail;

internal sealed partial class FollowedFile
{
    /// <summary>
    /// The file at the path is not the saved one: it was rotated while the daemon was stopped. When the
    /// saved file is found beside it under a rotated name (<c>orders.ndjson.1</c>), its rest is read first.
    /// </summary>
    private void ResumeRotatedAway(TailPosition position)
    {
        if (FindCopy(position.Identity, position.Offset) is { } copy)
        {
            LogResumedRotated(path, copy.Name, position.Offset);
            _retired = new RetiredFile(this, copy.Handle, position.Offset, position.Line, skipping: false);
            return;
        }

        LogNotResumed(path, position.Offset);
    }

    /// <summary>The first file beside the path under a rotated name (<c>orders.ndjson.1</c>) that starts as <paramref name="identity"/> and reaches <paramref name="offset"/>.</summary>
    private (SafeFileHandle Handle, string Name, long Length)? FindCopy(FileIdentity identity, long offset)
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
                if (length >= offset && identity.Matches(handle, length))
                {
                    return (handle, candidate, length);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Unreadable candidate: not the one.
            }

            handle?.Dispose();
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tail {Path}: resumed at byte {Offset} (line {Line})")]
    private partial void LogResumed(string path, long offset, long line);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tail {Path}: rotated while stopped; reading the rest of {Rotated} from byte {Offset}, then the new file")]
    private partial void LogResumedRotated(string path, string rotated, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tail {Path}: the file is not the one saved at byte {Offset}, and no rotated copy of it was found; reading the new file from its start")]
    private partial void LogNotResumed(string path, long offset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tail {Path}: truncated below byte {Offset}; reading from the start")]
    private partial void LogTruncated(string path, long offset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tail {Path}: copy-truncated; reading the rest from {Copy} from byte {Offset}")]
    private partial void LogReadingCopy(string path, string copy, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tail {Path}: copy-truncate lost {Bytes} bytes, written between the copy and the truncation; rename rotation (logrotate without copytruncate) loses nothing")]
    private partial void LogLost(string path, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tail {Path}: the file is gone (deleted or renamed) after byte {Offset}; waiting for it to appear again")]
    private partial void LogGone(string path, long offset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tail {Path}: rotated at byte {Offset}; following the new file")]
    private partial void LogRotated(string path, long offset);
}
