using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Observations;
using static Monitor.Rules.Tests.TestClock;

namespace Monitor.Rules.Tests.Definitions;

public sealed class LatencyQuantileConditionTests
{
    private static readonly LatencyQuantileCondition P99 = new(TimeSpan.FromMinutes(5), 0.99, TimeSpan.FromSeconds(1), MinSamples: 10);

    private static void Feed(Monitor.Rules.Evaluation.RuleEngine engine, int count, TimeSpan latency)
    {
        for (var i = 0; i < count; i++)
        {
            engine.Record(new Observation("checkout", Start, true, Latency: latency));
        }
    }

    [Fact]
    public void Evaluate_EmptyWindow_StaysInactive() => Assert.Empty(Engine(P99).Evaluate(Start));

    [Fact]
    public void Evaluate_FastRequests_StaysInactive()
    {
        var engine = Engine(P99);
        Feed(engine, 200, TimeSpan.FromMilliseconds(100));

        Assert.Null(Step(engine, Start));
    }

    [Fact]
    public void Evaluate_SlowTail_FiresWithQuantileInFigures()
    {
        var engine = Engine(P99);
        Feed(engine, 95, TimeSpan.FromMilliseconds(100));
        Feed(engine, 5, TimeSpan.FromSeconds(3));

        var fired = Assert.Single(engine.Evaluate(Start));
        Assert.Equal(TransitionKind.Firing, fired.Kind);
        Assert.InRange(fired.Figures.Value, 2.4, 3.6);
    }

    [Fact]
    public void Evaluate_TooFewLatencies_StaysInactive()
    {
        var engine = Engine(P99);
        Feed(engine, 9, TimeSpan.FromSeconds(5));

        Assert.Null(Step(engine, Start));
    }
}
