using Monitor.Probes.Feed.Sources;

namespace Monitor.Tests.Probes.Feed;

public sealed class LocalFeedSourceTests
{
    [Fact]
    public void Resolve_Folder_TakesDataFilesInNameOrderAndMarkerTime()
    {
        using var dir = new TempFolder();
        dir.Write("b.ndjson", "{}\n");
        dir.Write("a.jsonl", "{}\n");
        dir.Write("notes.txt", "not a feed");
        dir.Write("marker.txt", "2026-11-28T06:00:00+00:00\n");

        var snapshot = LocalFeedSource.Resolve(dir.Path);

        Assert.Equal(["a.jsonl", "b.ndjson"], snapshot.Files.Select(f => Path.GetFileName(f.Name)));
        Assert.Equal((new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero), "marker"), (snapshot.FeedTime!.Value, snapshot.FeedTimeSource));
    }

    [Fact]
    public void Resolve_Glob_MatchesOnlyPattern()
    {
        using var dir = new TempFolder();
        dir.Write("out/feed-1.ndjson", "{}\n");
        dir.Write("out/feed-2.ndjson", "{}\n");
        dir.Write("out/other.ndjson", "{}\n");

        var snapshot = LocalFeedSource.Resolve(Path.Combine(dir.Path, "out", "feed-*.ndjson"));

        Assert.Equal(["feed-1.ndjson", "feed-2.ndjson"], snapshot.Files.Select(f => Path.GetFileName(f.Name)));
    }

    [Fact]
    public void Resolve_FileWithoutMarker_UsesModificationTime()
    {
        using var dir = new TempFolder();
        var path = dir.Write("feed.ndjson", "{}\n");
        var mtime = new DateTime(2026, 11, 27, 1, 2, 3, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, mtime);

        var snapshot = LocalFeedSource.Resolve(path);

        Assert.Equal((new DateTimeOffset(mtime), "mtime"), (snapshot.FeedTime!.Value, snapshot.FeedTimeSource));
    }

    [Fact]
    public async Task Resolve_GzipFile_IsValidatedDecompressed()
    {
        using var dir = new TempFolder();
        var plain = TestFeeds.Bytes(TestFeeds.ValidLines(3));
        using (var packed = new MemoryStream())
        {
            await using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                await gzip.WriteAsync(plain);
            }

            dir.Write("feed.ndjson.gz", packed.ToArray());
        }

        var snapshot = LocalFeedSource.Resolve(dir.Path);
        var report = await new Monitor.Probes.Feed.Validation.FeedValidator(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestFeeds.Now))
            .ValidateAsync(snapshot, new(), null, default);

        Assert.Equal((33L, 0L, (long)plain.Length), (report.Entities, report.Invalid, report.Bytes));
    }

    [Theory]
    [InlineData("nothing-here.ndjson")]
    [InlineData("empty-folder")]
    [InlineData("*.ndjson")]
    public void Resolve_NoFeedFiles_FailsAsMissing(string relative)
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(Path.Combine(dir.Path, "empty-folder"));

        var error = Assert.Throws<FeedSourceException>(() => LocalFeedSource.Resolve(Path.Combine(dir.Path, relative)));

        Assert.Equal("missing", error.Reason);
    }

    [Theory]
    [InlineData("1764309600", 2025)]
    [InlineData("1764309600000", 2025)]
    [InlineData("2026-11-28T06:00:00Z", 2026)]
    public void MarkerTimestamp_KnownForms_Parse(string text, int year)
    {
        Assert.True(MarkerTimestamp.TryParse(text, out var value));
        Assert.Equal(year, value.Year);
    }
}
