using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using static Monitor.Rules.Tests.TestClock;

namespace Monitor.Rules.Tests.Definitions;

public sealed class CountDropConditionTests
{
    private const string Signal = "feed:Restaurant:count";

    [Theory]
    [InlineData(810, false)]
    [InlineData(800, true)]
    [InlineData(500, true)]
    [InlineData(1200, false)]
    public void Evaluate_AgainstPrevious_FiresAtShare(double current, bool fires)
    {
        var engine = Engine(new CountDropCondition(0.2), Signal);
        engine.RecordGauge(Signal, Start, 1000);
        engine.RecordGauge(Signal, Start.AddHours(1), current);

        Assert.Equal(fires ? TransitionKind.Firing : null, Step(engine, Start.AddHours(1)));
    }

    [Fact]
    public void Evaluate_SingleValue_StaysInactive()
    {
        var engine = Engine(new CountDropCondition(0.2), Signal);
        engine.RecordGauge(Signal, Start, 10);

        Assert.Null(Step(engine, Start));
    }

    [Fact]
    public void Evaluate_AgainstBaseline_ComparesWithMeanOfEarlierValues()
    {
        var engine = Engine(new CountDropCondition(0.3, CountDropReference.Baseline, TimeSpan.FromDays(1)), Signal);
        engine.RecordGauge(Signal, Start, 1000);
        engine.RecordGauge(Signal, Start.AddHours(1), 900);
        engine.RecordGauge(Signal, Start.AddHours(2), 800); // 800 against 1000 previous-style would be 20%... mean is 950
        Assert.Null(Step(engine, Start.AddHours(2)));

        engine.RecordGauge(Signal, Start.AddHours(3), 600); // mean of 1000, 900, 800 is 900: a third lower
        var fired = Assert.Single(engine.Evaluate(Start.AddHours(3)));
        Assert.Equal(900, fired.Figures.Baseline);
        Assert.Equal(600, fired.Figures.Current);
    }

    [Fact]
    public void RecordGauge_OlderValue_IsIgnored()
    {
        var engine = Engine(new CountDropCondition(0.2), Signal);
        engine.RecordGauge(Signal, Start.AddHours(1), 1000);
        engine.RecordGauge(Signal, Start, 10);

        Assert.Null(Step(engine, Start.AddHours(1)));
    }
}
