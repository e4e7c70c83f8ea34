using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using Monitor.Rules.Observations;
using static Monitor.Rules.Tests.TestClock;

namespace Monitor.Rules.Tests.Definitions;

public sealed class ErrorClassTests
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public void Evaluate_InfrastructureClassWithOnlyBusinessErrors_StaysInactive()
    {
        var engine = Engine(new ErrorRatioCondition(FiveMinutes, 0.5, Class: ErrorClass.Infrastructure));
        Feed(engine, Start, ok: 1, failed: 9, errorType: "CLOSED");

        Assert.Null(Step(engine, Start));
    }

    [Fact]
    public void Evaluate_InfrastructureClassWith500sAndTimeouts_CountsOnlyThose()
    {
        var engine = Engine(new ErrorRatioCondition(FiveMinutes, 0.5, Class: ErrorClass.Infrastructure));
        Feed(engine, Start, ok: 0, failed: 5, errorType: "NO_CAPACITY");
        engine.Record(new Observation("checkout", Start, false, "http_500"));
        engine.Record(new Observation("checkout", Start, false, "timeout"));
        Assert.Null(Step(engine, Start)); // 2 of 7

        Feed(engine, Start, ok: 0, failed: 3); // reason "status", no error type: 5 of 10
        var transition = Assert.Single(engine.Evaluate(Start));

        Assert.Equal(TransitionKind.Firing, transition.Kind);
        Assert.Equal(5, transition.Figures.Failures);
        Assert.Equal(10, transition.Figures.Samples);
        Assert.StartsWith("infrastructure error ratio 50%", transition.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BusinessClass_CountsOnlyErrorTypes()
    {
        var engine = Engine(new ErrorRatioCondition(FiveMinutes, 0.5, Class: ErrorClass.Business));
        Feed(engine, Start, ok: 0, failed: 6);
        Assert.Null(Step(engine, Start));

        Feed(engine, Start, ok: 0, failed: 6, errorType: "PRICE_CHANGED");
        Assert.Equal(TransitionKind.Firing, Step(engine, Start));
    }

    [Fact]
    public void Evaluate_ManyDistinctLabelsBeyondTypeSlots_StillClassifiesEachFailure()
    {
        var engine = Engine(new ErrorRatioCondition(FiveMinutes, 0.5, MinErrors: 20, Class: ErrorClass.Infrastructure));
        for (var i = 0; i < 30; i++)
        {
            engine.Record(new Observation("checkout", Start, false, "status", ErrorType: "CODE_" + i));
        }

        for (var i = 0; i < 19; i++)
        {
            engine.Record(new Observation("checkout", Start, false, "http_" + (500 + i)));
        }

        Assert.Null(Step(engine, Start)); // 19 infrastructure errors of 49
        engine.Record(new Observation("checkout", Start, false, "http_599"));
        Assert.Null(Step(engine, Start)); // 20 of 50: below half

        Feed(engine, Start, ok: 0, failed: 10);
        Assert.Equal(TransitionKind.Firing, Step(engine, Start)); // 30 of 60
    }

    [Fact]
    public void Evaluate_TwoRulesDifferingOnlyInClass_KeepSeparateCounters()
    {
        var any = Rule(new ErrorRatioCondition(FiveMinutes, 0.5), name: "any");
        var infrastructure = Rule(new ErrorRatioCondition(FiveMinutes, 0.5, Class: ErrorClass.Infrastructure), name: "infrastructure");
        var engine = new RuleEngine([any, infrastructure]);
        Feed(engine, Start, ok: 2, failed: 8, errorType: "CLOSED");

        var transition = Assert.Single(engine.Evaluate(Start));

        Assert.Equal("any", transition.Rule);
        Assert.Equal(AlertState.Inactive, engine.StateOf(infrastructure));
    }

    [Fact]
    public void Evaluate_BurnRateInfrastructureClass_IgnoresBusinessErrors()
    {
        var condition = new BurnRateCondition(0.99, [new BurnRateWindow(FiveMinutes, TimeSpan.FromMinutes(1), 10)], Class: ErrorClass.Infrastructure);
        var engine = Engine(condition);
        Feed(engine, Start, ok: 80, failed: 20, errorType: "NO_CAPACITY");
        Assert.Null(Step(engine, Start));

        Feed(engine, Start, ok: 0, failed: 12);
        Assert.Equal(TransitionKind.Firing, Step(engine, Start));
    }
}
