using System.Text;
using Monitor.Probes.Feed.Sources;
using Monitor.Probes.Feed.Validation;
using Microsoft.Extensions.Time.Testing;

namespace Monitor.Tests.Probes.Feed;

public sealed class HttpFeedSourceTests
{
    private static readonly DateTimeOffset Published = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);

    private static string Sitemap(params (string Loc, string LastMod)[] entries) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n" +
        string.Concat(entries.Select(e => $"  <sitemap>\n    <loc>{e.Loc}</loc>\n    <lastmod>{e.LastMod}</lastmod>\n  </sitemap>\n")) +
        "</sitemapindex>\n";

    [Fact]
    public async Task ResolveAsync_SitemapWithBasicAuth_ValidatesEveryListedFileAndTakesNewestLastmod()
    {
        var feed = TestFeeds.Bytes(TestFeeds.ValidLines(5));
        var half = feed.Length / 2;
        var cut = Array.LastIndexOf(feed, (byte)'\n', half) + 1;
        var files = new Dictionary<string, (byte[], DateTimeOffset?)>
        {
            ["feeds/sitemap.xml"] = (Encoding.UTF8.GetBytes(Sitemap(
                ("part-1.ndjson", "2026-11-28T05:00:00Z"), ("part-2.ndjson", "2026-11-28T06:00:00+00:00"))), null),
            ["feeds/part-1.ndjson"] = (feed[..cut], null),
            ["feeds/part-2.ndjson"] = (feed[cut..], null),
        };
        await using var server = await LoopbackFeedServer.StartAsync(files, "partner", "s3cret");
        using var http = new HttpClient();

        var snapshot = await FeedSources.ResolveAsync(new Uri(server.BaseUrl, "feeds/sitemap.xml").ToString(), http, "partner", "s3cret", default);
        var report = await new FeedValidator(new FakeTimeProvider(TestFeeds.Now)).ValidateAsync(snapshot, new(), null, default);

        Assert.Equal(2, report.Files);
        Assert.Equal(55, report.Entities);
        Assert.Equal(0, report.Invalid);
        Assert.Equal(feed.Length, report.Bytes);
        Assert.Equal(Published, report.FeedTime);
        Assert.Equal("sitemap", report.FeedTimeSource);
        Assert.Equal(TimeSpan.FromHours(6), report.FeedAge);
    }

    [Fact]
    public async Task ResolveAsync_SitemapWithoutLastmod_UsesSitemapLastModifiedHeader()
    {
        var sitemap = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>feed.ndjson</loc></url></urlset>";
        var files = new Dictionary<string, (byte[], DateTimeOffset?)>
        {
            ["sitemap.xml"] = (Encoding.UTF8.GetBytes(sitemap), Published),
            ["feed.ndjson"] = (TestFeeds.Bytes(TestFeeds.ValidLines(1)), null),
        };
        await using var server = await LoopbackFeedServer.StartAsync(files);
        using var http = new HttpClient();

        var snapshot = await FeedSources.ResolveAsync(new Uri(server.BaseUrl, "sitemap.xml").ToString(), http, null, null, default);

        Assert.Equal((Published, "last-modified"), (snapshot.FeedTime!.Value, snapshot.FeedTimeSource));
        Assert.Equal(new Uri(server.BaseUrl, "feed.ndjson").ToString(), Assert.Single(snapshot.Files).Name);
    }

    [Fact]
    public async Task ResolveAsync_WrongPassword_FailsAsUnauthorized()
    {
        var files = new Dictionary<string, (byte[], DateTimeOffset?)> { ["feed.ndjson"] = (TestFeeds.Bytes(TestFeeds.ValidLines(1)), null) };
        await using var server = await LoopbackFeedServer.StartAsync(files, "partner", "s3cret");
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<FeedSourceException>(() =>
            FeedSources.ResolveAsync(new Uri(server.BaseUrl, "feed.ndjson").ToString(), http, "partner", "wrong", default));

        Assert.Equal("unauthorized", error.Reason);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_FileUrlWithMarker_PrefersMarkerOverLastModified()
    {
        var files = new Dictionary<string, (byte[], DateTimeOffset?)>
        {
            ["out/feed.ndjson"] = (TestFeeds.Bytes(TestFeeds.ValidLines(1)), Published.AddHours(-3)),
            ["out/marker.txt"] = (Encoding.UTF8.GetBytes($"{Published.ToUnixTimeSeconds()}\n"), null),
        };
        await using var server = await LoopbackFeedServer.StartAsync(files);
        using var http = new HttpClient();

        var snapshot = await FeedSources.ResolveAsync(new Uri(server.BaseUrl, "out/feed.ndjson").ToString(), http, null, null, default);

        Assert.Equal((Published, "marker"), (snapshot.FeedTime!.Value, snapshot.FeedTimeSource));
    }

    [Fact]
    public async Task ResolveAsync_FileUrlWithoutMarker_UsesLastModified()
    {
        var files = new Dictionary<string, (byte[], DateTimeOffset?)>
        {
            ["feed.ndjson"] = (TestFeeds.Bytes(TestFeeds.ValidLines(1)), Published),
        };
        await using var server = await LoopbackFeedServer.StartAsync(files);
        using var http = new HttpClient();

        var snapshot = await FeedSources.ResolveAsync(new Uri(server.BaseUrl, "feed.ndjson").ToString(), http, null, null, default);

        Assert.Equal((Published, "last-modified"), (snapshot.FeedTime!.Value, snapshot.FeedTimeSource));
    }

    [Fact]
    public async Task ResolveAsync_MissingFile_FailsAsMissing()
    {
        await using var server = await LoopbackFeedServer.StartAsync(new Dictionary<string, (byte[], DateTimeOffset?)>());
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<FeedSourceException>(() =>
            FeedSources.ResolveAsync(new Uri(server.BaseUrl, "sitemap.xml").ToString(), http, null, null, default));

        Assert.Equal("missing", error.Reason);
    }

    [Fact]
    public async Task ResolveAsync_NothingListening_FailsAsUnreachable()
    {
        var port = FreePort();
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<FeedSourceException>(() =>
            FeedSources.ResolveAsync($"http://127.0.0.1:{port}/feed.ndjson", http, null, null, default));

        Assert.Equal("unreachable", error.Reason);
    }

    [Fact]
    public async Task ValidateAsync_SitemapListsVanishedFile_ReportsUnreadableFile()
    {
        var files = new Dictionary<string, (byte[], DateTimeOffset?)>
        {
            ["sitemap.xml"] = (Encoding.UTF8.GetBytes(Sitemap(("gone.ndjson", "2026-11-28T05:00:00Z"))), null),
        };
        await using var server = await LoopbackFeedServer.StartAsync(files);
        using var http = new HttpClient();

        var snapshot = await FeedSources.ResolveAsync(new Uri(server.BaseUrl, "sitemap.xml").ToString(), http, null, null, default);
        var report = await new FeedValidator(new FakeTimeProvider(TestFeeds.Now)).ValidateAsync(snapshot, new(), null, default);

        Assert.Equal("unreadable", Assert.Single(report.FileIssues).Reason);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
