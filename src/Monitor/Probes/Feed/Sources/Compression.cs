using System.IO.Compression;

namespace Monitor.Probes.Feed.Sources;

/// <summary>Feed files may be uploaded gzip-compressed (<c>feed.ndjson.gz</c>); they are validated as the text they hold.</summary>
internal static class Compression
{
    public static Stream Unwrap(string name, Stream stream) =>
        name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
}
