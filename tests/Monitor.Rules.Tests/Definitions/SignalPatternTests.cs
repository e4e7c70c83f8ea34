using Monitor.Rules.Definitions;

namespace Monitor.Rules.Tests.Definitions;

public sealed class SignalPatternTests
{
    [Theory]
    [InlineData("checkout", "checkout", true)]
    [InlineData("checkout", "checkout2", false)]
    [InlineData("probe-*", "probe-api", true)]
    [InlineData("probe-*", "probe-", true)]
    [InlineData("probe-*", "prob", false)]
    [InlineData("entities.*:feed", "entities.Menu:feed", true)]
    [InlineData("entities.*:feed", "entities.Menu:other", false)]
    [InlineData("entities.*:feed", "age:feed", false)]
    [InlineData("*:feed", "x:feed", true)]
    [InlineData("a*a", "a", false)]
    [InlineData("tls:*", "tls:checkout@eu-west", false)]
    [InlineData("feed:*", "feed:Menu@eu-west", false)]
    [InlineData("tls:checkout@*", "tls:checkout@eu-west", true)]
    [InlineData("tls:checkout@*", "tls:checkout", false)]
    [InlineData("tls:checkout@eu-west", "tls:checkout@eu-west", true)]
    public void Matches_PatternAndSignal_AsExpected(string pattern, string signal, bool expected) =>
        Assert.Equal(expected, SignalPattern.Matches(pattern, signal));

    [Fact]
    public void FeedSignals_ExactNames_MatchTheirPatterns()
    {
        Assert.True(SignalPattern.Matches(FeedSignals.EntitiesOfEveryType, FeedSignals.Entities("MenuItem")));
        Assert.True(SignalPattern.Matches(FeedSignals.CountOfEveryType, FeedSignals.Count("Restaurant")));
        Assert.False(SignalPattern.Matches(FeedSignals.EntitiesOfEveryType, FeedSignals.Age));
        Assert.False(SignalPattern.Matches(FeedSignals.EntitiesOfEveryType, FeedSignals.Count("Menu")));
    }
}
