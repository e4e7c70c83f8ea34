using Monitor.Rules.Locations;

namespace Monitor.Rules.Tests.Locations;

public sealed class LocationQuorumTests
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    [Fact]
    public void Decide_MinLocationsTwoAndOneFailing_IsNotMet()
    {
        var decision = new LocationQuorum(2, null, StaleAfter).Decide([new("a", true, false), new("b", false, false), new("c", false, false)]);

        Assert.False(decision.Met);
        Assert.Equal(["a"], decision.Failing);
        Assert.Equal(3, decision.Fresh);
    }

    [Fact]
    public void Decide_MinLocationsTwoAndTwoFailing_IsMet()
    {
        var decision = new LocationQuorum(2, null, StaleAfter).Decide([new("a", true, false), new("b", true, false), new("c", false, false)]);

        Assert.True(decision.Met);
        Assert.Equal(["a", "b"], decision.Failing);
    }

    [Fact]
    public void Decide_ShareHalfWithOneOfThree_IsNotMet() =>
        Assert.False(new LocationQuorum(null, 0.5, StaleAfter).Decide([new("a", true, false), new("b", false, false), new("c", false, false)]).Met);

    [Fact]
    public void Decide_ShareHalfWithOneOfTwoFreshAndOneStale_IsMetOverFreshOnly()
    {
        var decision = new LocationQuorum(null, 0.5, StaleAfter).Decide([new("a", true, false), new("b", false, false), new("c", true, true)]);

        Assert.True(decision.Met);
        Assert.Equal(2, decision.Fresh);
        Assert.Equal(["c"], decision.Stale);
        Assert.Equal(0.5, decision.FailingShare);
    }

    [Fact]
    public void Decide_StaleFailingLocation_CountsNeitherWay()
    {
        var decision = new LocationQuorum(2, null, StaleAfter).Decide([new("a", true, false), new("b", true, true), new("c", false, false)]);

        Assert.False(decision.Met);
        Assert.Equal(["a"], decision.Failing);
    }

    [Fact]
    public void Decide_AllStale_IsNotMet()
    {
        var decision = new LocationQuorum(null, 0.5, StaleAfter).Decide([new("a", true, true), new("b", true, true)]);

        Assert.False(decision.Met);
        Assert.Equal(0, decision.Fresh);
    }

    [Fact]
    public void IsStale_SilentLongerThanLimit_IsTrue()
    {
        var quorum = new LocationQuorum(2, null, StaleAfter);
        var now = TestClock.Start;

        Assert.False(quorum.IsStale(now - StaleAfter, now));
        Assert.True(quorum.IsStale(now - StaleAfter - TimeSpan.FromSeconds(1), now));
        Assert.True(quorum.IsStale(null, now));
    }

    [Fact]
    public void Describe_BothLimits_NamesBoth() =>
        Assert.Equal("2 locations and 50% of locations", new LocationQuorum(2, 0.5, StaleAfter).Describe());

    [Fact]
    public void TrySplit_QualifiedSignal_GivesTargetAndLocation()
    {
        Assert.True(LocationSignals.TrySplit(LocationSignals.Qualify("checkout", "eu-west"), out var target, out var location));
        Assert.Equal(("checkout", "eu-west"), (target, location));
        Assert.False(LocationSignals.TrySplit("checkout", out _, out _));
        Assert.True(LocationSignals.IsLocationOf("checkout@eu-west", "checkout"));
        Assert.False(LocationSignals.IsLocationOf("checkout-2@eu-west", "checkout"));
    }
}
