using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;

namespace Monitor.Rules.Tests.Definitions;

public sealed class GaugeLimitConditionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    private static RuleEngine Create(bool below = true) => new([
        new AlertRule("tls-expiry", "tls:checkout", new GaugeLimitCondition(14, below), Severity.Major, AlertCategory.None)]);

    [Fact]
    public void Evaluate_NoGaugeYet_StaysInactive() =>
        Assert.Empty(Create().Evaluate(Start));

    [Fact]
    public void Evaluate_ValueFallsBelowLimitThenRecovers_FiresThenResolves()
    {
        var engine = Create();
        engine.RecordGauge("tls:checkout", Start, 30);
        Assert.Empty(engine.Evaluate(Start));

        engine.RecordGauge("tls:checkout", Start.AddMinutes(1), 13.5);
        var fired = Assert.Single(engine.Evaluate(Start.AddMinutes(1)));
        Assert.Equal(TransitionKind.Firing, fired.Kind);
        Assert.Equal(13.5, fired.Figures.Value);
        Assert.Equal(14, fired.Figures.Threshold);

        engine.RecordGauge("tls:checkout", Start.AddMinutes(2), 89);
        Assert.Equal(TransitionKind.Resolved, Assert.Single(engine.Evaluate(Start.AddMinutes(2))).Kind);
    }

    [Theory]
    [InlineData("days", "value 9.5 days, limit: at least 14 days")]
    [InlineData(null, "value 9.5, limit: at least 14")]
    public void Evaluate_Firing_SummaryNamesTheUnit(string? unit, string expected)
    {
        var engine = new RuleEngine([
            new AlertRule("tls-expiry", "tls:checkout", new GaugeLimitCondition(14, Unit: unit), Severity.Major, AlertCategory.None)]);
        engine.RecordGauge("tls:checkout", Start, 9.5);

        Assert.Equal(expected, Assert.Single(engine.Evaluate(Start)).Summary);
    }

    [Fact]
    public void Evaluate_ExactlyAtLimit_IsNotBelow()
    {
        var engine = Create();
        engine.RecordGauge("tls:checkout", Start, 14);

        Assert.Empty(engine.Evaluate(Start));
    }

    [Fact]
    public void Evaluate_AboveLimitWhenAsked_Fires()
    {
        var engine = Create(below: false);
        engine.RecordGauge("tls:checkout", Start, 15);

        Assert.Equal(TransitionKind.Firing, Assert.Single(engine.Evaluate(Start)).Kind);
    }
}
