using Monitor.Probes.Feed;

namespace Monitor.Tests.Probes.Feed;

public sealed class FeedVerdictTests
{
    private static FeedReport Report(long entities, long invalid, long stale = 0, string type = "MenuItem") => new()
    {
        Source = "feed",
        StartedAt = TestFeeds.Now,
        Duration = TimeSpan.FromSeconds(1),
        Files = 1,
        Bytes = 1,
        Lines = entities,
        Types = [new FeedTypeSummary(type, entities, invalid, new Dictionary<string, long>())],
        StaleEntities = stale,
        StaleShare = entities == 0 ? 0 : (double)stale / entities,
        Samples = [],
        FileIssues = [],
    };

    [Theory]
    [InlineData(1000, 100, false)] // exactly 10%: not over
    [InlineData(1000, 101, true)] // over 10% with more than 100 entities
    [InlineData(100, 15, false)] // over 10% but only 100 entities, under 20%
    [InlineData(100, 21, true)] // over 20% whatever the count
    [InlineData(5, 1, false)] // exactly 20%
    [InlineData(5, 2, true)]
    public void Evaluate_ErrorRate_FollowsGoogleThresholds(long entities, long invalid, bool crossed)
    {
        var verdict = FeedVerdict.Evaluate(Report(entities, invalid));

        Assert.Equal(crossed, verdict.Crossed);
        Assert.Equal(crossed ? "invalid" : null, verdict.Reason);
    }

    [Theory]
    [InlineData(1000, 9, false)]
    [InlineData(1000, 10, true)] // 1% or more
    public void Evaluate_StaleShare_FiresAtOnePercent(long entities, long stale, bool crossed)
    {
        var verdict = FeedVerdict.Evaluate(Report(entities, 0, stale));

        Assert.Equal(crossed, verdict.Crossed);
        Assert.Equal(crossed ? "stale" : null, verdict.Reason);
    }

    [Fact]
    public void Evaluate_UnknownLines_AreJudgedAgainstWholeFeed()
    {
        var report = Report(1000, 0) with
        {
            Types =
            [
                new FeedTypeSummary("MenuItem", 1000, 0, new Dictionary<string, long>()),
                new FeedTypeSummary("Unknown", 50, 50, new Dictionary<string, long>()),
            ],
        };

        Assert.False(FeedVerdict.Evaluate(report).Crossed);
    }

    [Fact]
    public void Evaluate_FeedOlderThanMaxAge_IsStale()
    {
        var report = Report(10, 0) with { FeedTime = TestFeeds.Now.AddHours(-30), FeedTimeSource = "marker" };

        var verdict = FeedVerdict.Evaluate(report, TimeSpan.FromHours(26));

        Assert.Equal("stale", verdict.Reason);
        Assert.Contains("30.0 h", Assert.Single(verdict.Breaches), StringComparison.Ordinal);
    }
}
