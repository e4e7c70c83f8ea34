using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using static Monitor.Rules.Tests.TestClock;

namespace Monitor.Rules.Tests.Evaluation;

public sealed class RuleEngineReadingsTests
{
    [Fact]
    public void Readings_BeforeFirstEvaluation_AreEmpty()
    {
        var engine = Engine(new ErrorRatioCondition(TimeSpan.FromMinutes(5), 0.5));
        Feed(engine, Start, ok: 1, failed: 1);

        Assert.Empty(engine.Readings());
        Assert.Null(engine.LastEvaluation);
    }

    [Fact]
    public void Readings_EveryEvaluation_FollowTheValueWithoutTransitions()
    {
        var engine = Engine(new ErrorRatioCondition(TimeSpan.FromMinutes(5), 0.5));
        Feed(engine, Start, ok: 3, failed: 1);
        Assert.Empty(engine.Evaluate(Start));
        var first = Assert.Single(engine.Readings());

        Feed(engine, Start.AddMinutes(1), ok: 4, failed: 0);
        Assert.Empty(engine.Evaluate(Start.AddMinutes(1)));
        var second = Assert.Single(engine.Readings());

        Assert.Equal(("rule", "checkout", AlertState.Inactive, 0.25, 0.5), (first.Rule, first.Signal, first.State, first.Value, first.Threshold));
        Assert.Equal(0.125, second.Value);
        Assert.Empty(second.BurnRates);
        Assert.Equal(Start.AddMinutes(1), engine.LastEvaluation);
    }

    [Fact]
    public void Readings_FiringAlert_CarryStateAndValue()
    {
        var engine = Engine(new ErrorRatioCondition(TimeSpan.FromMinutes(5), 0.5));
        Feed(engine, Start, ok: 1, failed: 3);
        Assert.Single(engine.Evaluate(Start));

        var reading = Assert.Single(engine.Readings());

        Assert.Equal(AlertState.Firing, reading.State);
        Assert.Equal(0.75, reading.Value);
    }

    [Fact]
    public void Readings_EmptyWindow_ValueIsNaN()
    {
        var engine = Engine(new ErrorRatioCondition(TimeSpan.FromMinutes(5), 0.5));
        Feed(engine, Start, ok: 1, failed: 1);
        engine.Evaluate(Start);
        engine.Evaluate(Start.AddMinutes(6));

        var reading = Assert.Single(engine.Readings());

        Assert.True(double.IsNaN(reading.Value), $"value {reading.Value}");
        Assert.Equal(0.5, reading.Threshold);
    }

    [Fact]
    public void Readings_GaugeWithoutValue_IsNaNThenTheValue()
    {
        var engine = Engine(new GaugeLimitCondition(14, Below: true), signal: "tls:checkout");
        engine.Evaluate(Start);
        Assert.True(double.IsNaN(Assert.Single(engine.Readings()).Value));

        engine.RecordGauge("tls:checkout", Start, 30);
        engine.Evaluate(Start.AddSeconds(1));

        Assert.Equal(30, Assert.Single(engine.Readings()).Value);
    }

    [Fact]
    public void Readings_BurnRateRule_GiveEveryDistinctWindowWithTheRuleFilter()
    {
        // Objective 99%: budget 1%. Pairs (1h, 5m) and (6h, 5m) share the short window, reported once.
        var condition = new BurnRateCondition(0.99,
            [new(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), 14.4), new(TimeSpan.FromHours(6), TimeSpan.FromMinutes(5), 6)],
            ExcludeErrorTypes: ["CLOSED"]);
        var engine = Engine(condition);
        Feed(engine, Start.AddMinutes(-30), ok: 98, failed: 2);
        Feed(engine, Start.AddMinutes(-1), ok: 90, failed: 5);
        Feed(engine, Start.AddMinutes(-1), ok: 0, failed: 5, errorType: "CLOSED");
        engine.Evaluate(Start);

        var rates = Assert.Single(engine.Readings()).BurnRates;

        // 1h and 6h: 7 counted failures in 200; 5m: 5 in 100. CLOSED failures count as samples, not failures.
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), TimeSpan.FromHours(6)], rates.Select(r => r.Window));
        Assert.Equal(3.5, rates[0].Rate, 9);
        Assert.Equal(5.0, rates[1].Rate, 9);
        Assert.Equal(3.5, rates[2].Rate, 9);
    }

    [Fact]
    public void Readings_BurnRateWindowWithoutObservations_IsNaN()
    {
        var engine = Engine(new BurnRateCondition(0.999, BurnRateCondition.PageWindows));
        Feed(engine, Start.AddMinutes(-20), ok: 9, failed: 1);
        engine.Evaluate(Start);

        var rates = Assert.Single(engine.Readings()).BurnRates.ToDictionary(r => r.Window, r => r.Rate);

        Assert.True(double.IsNaN(rates[TimeSpan.FromMinutes(5)]));
        Assert.Equal(100, rates[TimeSpan.FromHours(1)], 6);
        Assert.Equal(100, rates[TimeSpan.FromMinutes(30)], 6);
    }

    [Fact]
    public void Readings_PatternRule_OnePerMeasuredSeries()
    {
        var engine = new RuleEngine([Rule(new ErrorRatioCondition(TimeSpan.FromMinutes(5), 0.5), signal: "action:*")]);
        Feed(engine, Start, ok: 1, failed: 1, signal: "action:checkout");
        Feed(engine, Start, ok: 3, failed: 1, signal: "action:submit_order");
        engine.Evaluate(Start);
        Feed(engine, Start, ok: 1, failed: 0, signal: "action:cancel");

        var readings = engine.Readings();

        // action:cancel appeared after the evaluation: not measured yet.
        Assert.Equal([("action:checkout", 0.5), ("action:submit_order", 0.25)], readings.Select(r => (r.Signal, r.Value)));
    }
}
