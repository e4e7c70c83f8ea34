using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitor.Probes.Feed;

namespace Monitor.Tests.Probes.Feed;

public sealed class FeedProbeTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly FakeTimeProvider _time = new(TestFeeds.Now);
    private readonly HttpClient _http = new();

    private FeedProbe Probe(string source, Action<FeedTargetOptions>? configure = null)
    {
        var options = new FeedTargetOptions { Name = "main-feed", Source = source };
        configure?.Invoke(options);
        return new FeedProbe(options, _http, _time, NullLogger<FeedProbe>.Instance, Path.Combine(_dir.Path, "data"));
    }

    private string WriteFeed(IEnumerable<string> lines, DateTimeOffset? marker = null)
    {
        var folder = Path.Combine(_dir.Path, "out");
        _dir.Write("out/feed.ndjson", TestFeeds.Bytes(lines));
        _dir.Write("out/marker.txt", (marker ?? TestFeeds.Now.AddHours(-1)).ToString("O"));
        return folder;
    }

    [Fact]
    public async Task RunAsync_ValidFreshFeed_SucceedsWithGauges()
    {
        var result = await Probe(WriteFeed(TestFeeds.ValidLines(4))).RunAsync(default);

        Assert.True(result.Success, result.Detail);
        Assert.Equal(("main-feed", "feed", null), (result.Target, result.Kind, result.Reason));
        Assert.Equal(4, result.Gauges["entities:Restaurant"]);
        Assert.Equal(0, result.Gauges["invalid:MenuItem"]);
        Assert.Equal(0, result.Gauges["error_ratio:Menu"]);
        Assert.Equal(3600, result.Gauges["feed_age_seconds"]);
        Assert.Equal(0, result.Gauges["stale_share"]);
        Assert.True(result.Gauges["bytes"] > 0);
        Assert.False(result.Gauges.ContainsKey("restaurants_dropped"));
    }

    [Fact]
    public async Task RunAsync_SecondRunWithFewerRestaurants_ReportsDrops()
    {
        var folder = WriteFeed(TestFeeds.ValidLines(4));
        var probe = Probe(folder);
        await probe.RunAsync(default);
        WriteFeed(TestFeeds.ValidLines(1));
        _time.Advance(TimeSpan.FromMinutes(15));

        var result = await probe.RunAsync(default);

        Assert.Equal(3, result.Gauges["restaurants_dropped"]);
    }

    [Fact]
    public async Task RunAsync_FeedOlderThanMaxAge_FailsAsStale()
    {
        var folder = WriteFeed(TestFeeds.ValidLines(2), marker: TestFeeds.Now.AddHours(-1));
        var probe = Probe(folder, o => o.MaxAge = "26h");
        _time.Advance(TimeSpan.FromHours(26));

        var result = await probe.RunAsync(default);

        Assert.False(result.Success);
        Assert.Equal("stale", result.Reason);
        Assert.Equal(27 * 3600, result.Gauges["feed_age_seconds"]);
    }

    [Fact]
    public async Task RunAsync_QuarterOfOffersInvalid_FailsAsInvalidWithSample()
    {
        var lines = TestFeeds.ValidLines(3);
        lines.Add("{\"@type\":\"MenuItemOffer\",\"@id\":\"bad\",\"menuItemId\":\"mi0\",\"price\":-3,\"priceCurrency\":\"USD\"}");

        var probe = Probe(WriteFeed(lines));
        var result = await probe.RunAsync(default);

        Assert.False(result.Success);
        Assert.Equal("invalid", result.Reason);
        Assert.Equal(0.25, result.Gauges["error_ratio:MenuItemOffer"]);
        Assert.Equal(1, result.Gauges["invalid_reason:bad_price"]);
        Assert.Equal(("bad_price", 34L), (probe.LastReport!.Samples[0].Reason, probe.LastReport.Samples[0].Line));
    }

    [Fact]
    public async Task RunAsync_MissingSource_FailsAsMissing()
    {
        var result = await Probe(Path.Combine(_dir.Path, "nowhere")).RunAsync(default);

        Assert.False(result.Success);
        Assert.Equal("missing", result.Reason);
        Assert.Empty(result.Gauges);
    }

    [Fact]
    public async Task RunAsync_ServerNeverAnswers_FailsAsTimeoutOnceClockPassesTimeout()
    {
        await using var server = await LoopbackFeedServer.StartAsync(
            new Dictionary<string, (byte[], DateTimeOffset?)>(), hang: new HashSet<string> { "feed.ndjson" });
        var probe = Probe(new Uri(server.BaseUrl, "feed.ndjson").ToString(), o => o.Timeout = "1m");

        var run = probe.RunAsync(default);
        await server.HangStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromMinutes(1));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(result.Success);
        Assert.Equal("timeout", result.Reason);
    }

    [Fact]
    public async Task RunAsync_SitemapFilesAllGone_FailsAsUnreachable()
    {
        var sitemap = "<urlset><url><loc>gone.ndjson</loc><lastmod>2026-11-28T11:00:00Z</lastmod></url></urlset>";
        await using var server = await LoopbackFeedServer.StartAsync(
            new Dictionary<string, (byte[], DateTimeOffset?)> { ["sitemap.xml"] = (System.Text.Encoding.UTF8.GetBytes(sitemap), null) });

        var result = await Probe(new Uri(server.BaseUrl, "sitemap.xml").ToString()).RunAsync(default);

        Assert.False(result.Success);
        Assert.Equal("unreachable", result.Reason);
        Assert.Contains("404", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UrlWithCredentials_NeverShowsThemInResult()
    {
        await using var server = await LoopbackFeedServer.StartAsync(
            new Dictionary<string, (byte[], DateTimeOffset?)> { ["feed.ndjson"] = (TestFeeds.Bytes(TestFeeds.ValidLines(1)), TestFeeds.Now) },
            "partner", "pa55word");
        var url = new UriBuilder(new Uri(server.BaseUrl, "feed.ndjson")) { UserName = "partner", Password = "pa55word", Query = "token=t0ps3cret" };

        var probe = Probe(url.Uri.ToString());
        var result = await probe.RunAsync(default);

        Assert.True(result.Success, result.Detail);
        Assert.DoesNotContain("pa55word", probe.LastReport!.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("t0ps3cret", probe.LastReport.Source, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _http.Dispose();
        _dir.Dispose();
    }
}
