using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using static Monitor.Rules.Tests.TestClock;

namespace Monitor.Rules.Tests.Definitions;

public sealed class SpikeConditionTests
{
    private static readonly SpikeCondition Spike = new(TimeSpan.FromMinutes(5), TimeSpan.FromHours(1), Factor: 3, MinDelta: 0.05);

    private static Monitor.Rules.Evaluation.RuleEngine WithBaseline(int failedPerHundred)
    {
        var engine = Engine(Spike);
        for (var m = 0; m < 60; m++)
        {
            Feed(engine, Start.AddMinutes(m), ok: 100 - failedPerHundred, failed: failedPerHundred);
        }

        return engine;
    }

    [Fact]
    public void Evaluate_EmptyWindows_StaysInactive() => Assert.Empty(Engine(Spike).Evaluate(Start));

    [Fact]
    public void Evaluate_ThreeTimesBaselineAndDeltaMet_Fires()
    {
        var engine = WithBaseline(2);
        var now = Start.AddMinutes(64).AddSeconds(59); // current window: minutes 60 to 64
        Feed(engine, Start.AddMinutes(61), ok: 94, failed: 6); // 6% = 3 x 2%, but only 4 points above
        Assert.Null(Step(engine, now));

        Feed(engine, Start.AddMinutes(62), ok: 86, failed: 14); // 10% over the 5m window
        var fired = Assert.Single(engine.Evaluate(now));
        Assert.Equal(0.02, fired.Figures.Baseline!.Value, 6);
        Assert.Equal(0.1, fired.Figures.Value, 6);
    }

    [Fact]
    public void Evaluate_HighButSteadyRatio_DoesNotFire()
    {
        var engine = WithBaseline(20);
        Feed(engine, Start.AddMinutes(62), ok: 70, failed: 30); // 30% against 20%: not 3x

        Assert.Null(Step(engine, Start.AddMinutes(62)));
    }

    [Fact]
    public void Evaluate_EmptyBaseline_FiresOnDeltaAlone()
    {
        var engine = Engine(Spike);
        Feed(engine, Start, ok: 19, failed: 1); // 5% against nothing

        Assert.Equal(TransitionKind.Firing, Step(engine, Start));
    }
}
