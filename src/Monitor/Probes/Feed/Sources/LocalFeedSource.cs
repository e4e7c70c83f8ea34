using Microsoft.Extensions.FileSystemGlobbing;

namespace Monitor.Probes.Feed.Sources;

/// <summary>A feed on disk: one file, a folder of data files, or a glob such as <c>out/feed-*.ndjson</c>.</summary>
internal static class LocalFeedSource
{
    private static readonly string[] DataExtensions = [".ndjson", ".jsonl", ".json", ".gz"];

    public static FeedSnapshot Resolve(string source)
    {
        string folder;
        List<string> files;
        if (File.Exists(source))
        {
            folder = Path.GetDirectoryName(Path.GetFullPath(source))!;
            files = [source];
        }
        else if (Directory.Exists(source))
        {
            folder = source;
            files = Directory.EnumerateFiles(source)
                .Where(f => DataExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        else if (source.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            (folder, files) = Glob(source);
        }
        else
        {
            throw new FeedSourceException("missing", $"no such file or folder: {source}");
        }

        if (files.Count == 0)
        {
            throw new FeedSourceException("missing", $"no feed files at {source}");
        }

        var (time, timeSource) = FeedTime(folder, files);
        var feedFiles = files.Select(f => new FeedFile(f, _ => Task.FromResult(Open(f)))).ToList();
        return new FeedSnapshot(source, feedFiles, time, timeSource);
    }

    private static (string Folder, List<string> Files) Glob(string pattern)
    {
        // The folder is the part before the first segment with a wildcard.
        var full = Path.GetFullPath(pattern);
        var segments = full.Split(Path.DirectorySeparatorChar);
        var fixedCount = Array.FindIndex(segments, s => s.AsSpan().IndexOfAny('*', '?') >= 0);
        var folder = string.Join(Path.DirectorySeparatorChar, segments[..fixedCount]);
        if (folder.Length == 0)
        {
            folder = Path.DirectorySeparatorChar.ToString();
        }

        if (!Directory.Exists(folder))
        {
            return (folder, []);
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(string.Join('/', segments[fixedCount..]));
        var files = matcher.GetResultsInFullPath(folder).Order(StringComparer.Ordinal).ToList();
        return (folder, files);
    }

    private static (DateTimeOffset? Time, string? Source) FeedTime(string folder, List<string> files)
    {
        var marker = Path.Combine(folder, "marker.txt");
        if (File.Exists(marker) && MarkerTimestamp.TryParse(ReadHead(marker), out var markerTime))
        {
            return (markerTime, "marker");
        }

        var newest = files.Max(f => File.GetLastWriteTimeUtc(f));
        return (new DateTimeOffset(newest, TimeSpan.Zero), "mtime");
    }

    /// <summary>A marker is one timestamp; reading only its start keeps a wrong file from costing memory.</summary>
    private static string ReadHead(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[256];
        var n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, n);
    }

    private static Stream Open(string path)
    {
        try
        {
            // Unbuffered: the block reader asks for a megabyte at a time.
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            return Compression.Unwrap(path, file);
        }
        catch (FileNotFoundException e)
        {
            throw new IOException($"{path} vanished before it was read", e);
        }
    }
}
