using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using static Monitor.Rules.Tests.TestClock;

namespace Monitor.Rules.Tests.Definitions;

public sealed class AbsenceConditionTests
{
    private static readonly AbsenceCondition Absence = new(TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), MinShare: 0.1, MinBaselineSamples: 100);

    private static Monitor.Rules.Evaluation.RuleEngine WithHourOfTraffic()
    {
        var engine = Engine(Absence);
        for (var m = 0; m < 60; m++)
        {
            Feed(engine, Start.AddMinutes(m), ok: 10, failed: 0);
        }

        return engine;
    }

    [Fact]
    public void Evaluate_NoBaseline_StaysInactive() => Assert.Empty(Engine(Absence).Evaluate(Start.AddHours(2)));

    [Fact]
    public void Evaluate_TrafficStops_Fires()
    {
        var engine = WithHourOfTraffic();
        Assert.Null(Step(engine, Start.AddMinutes(59)));

        Assert.Equal(TransitionKind.Firing, Step(engine, Start.AddMinutes(70)));
    }

    [Fact]
    public void Evaluate_TrafficExactlyAtShare_Fires()
    {
        var engine = WithHourOfTraffic();
        for (var m = 60; m < 70; m++)
        {
            Feed(engine, Start.AddMinutes(m), ok: 1, failed: 0); // 1 a minute against 10 a minute
        }

        Assert.Equal(TransitionKind.Firing, Step(engine, Start.AddMinutes(69).AddSeconds(59)));
    }

    [Fact]
    public void Evaluate_TrafficHalved_StaysInactive()
    {
        var engine = WithHourOfTraffic();
        for (var m = 60; m < 70; m++)
        {
            Feed(engine, Start.AddMinutes(m), ok: 5, failed: 0);
        }

        Assert.Null(Step(engine, Start.AddMinutes(69).AddSeconds(59)));
    }
}
