using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using static Monitor.Rules.Tests.TestClock;

namespace Monitor.Rules.Tests.Definitions;

public sealed class FreshnessConditionTests
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    [Fact]
    public void Evaluate_LastSuccessExactlyMaxAgeOld_Fires()
    {
        var engine = Engine(new FreshnessCondition(TenMinutes));
        Feed(engine, Start, ok: 1, failed: 0);

        Assert.Null(Step(engine, Start + TenMinutes - TimeSpan.FromSeconds(1)));
        Assert.Equal(TransitionKind.Firing, Step(engine, Start + TenMinutes));
    }

    [Fact]
    public void Evaluate_OnlyFailures_AgesFromFirstSight()
    {
        var engine = Engine(new FreshnessCondition(TenMinutes));
        Assert.Null(Step(engine, Start));
        Feed(engine, Start.AddMinutes(5), ok: 0, failed: 3);

        Assert.Equal(TransitionKind.Firing, Step(engine, Start + TenMinutes));
    }

    [Fact]
    public void Evaluate_NewSuccess_Resolves()
    {
        var engine = Engine(new FreshnessCondition(TenMinutes));
        Feed(engine, Start, ok: 1, failed: 0);
        Assert.Equal(TransitionKind.Firing, Step(engine, Start.AddMinutes(11)));

        Feed(engine, Start.AddMinutes(11), ok: 1, failed: 0);
        Assert.Equal(TransitionKind.Resolved, Step(engine, Start.AddMinutes(11)));
    }

    [Fact]
    public void Evaluate_GaugeTimestampTooOld_Fires()
    {
        var engine = Engine(new FreshnessCondition(TimeSpan.FromDays(1), FreshnessSource.GaugeTimestamp), "feed:marker");
        engine.RecordGauge("feed:marker", Start, Start.AddDays(-2).ToUnixTimeSeconds());

        var fired = Assert.Single(engine.Evaluate(Start));
        Assert.Equal(TimeSpan.FromDays(2).TotalSeconds, fired.Figures.Value);
    }

    [Fact]
    public void Evaluate_GaugeTimestampRecent_StaysInactive()
    {
        var engine = Engine(new FreshnessCondition(TimeSpan.FromDays(1), FreshnessSource.GaugeTimestamp), "feed:marker");
        engine.RecordGauge("feed:marker", Start, Start.AddHours(-3).ToUnixTimeSeconds());

        Assert.Null(Step(engine, Start));
    }
}
