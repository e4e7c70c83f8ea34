using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using static Monitor.Rules.Tests.TestClock;

namespace Monitor.Rules.Tests.Evaluation;

public sealed class AlertLifecycleTests
{
    private static readonly ErrorRatioCondition Condition = new(TimeSpan.FromMinutes(1), 0.5);

    [Fact]
    public void Evaluate_ConditionStopsWhilePending_Cancels()
    {
        var engine = Engine(Condition, forDuration: TimeSpan.FromMinutes(2));
        Feed(engine, Start, ok: 0, failed: 1);

        Assert.Equal(TransitionKind.Pending, Step(engine, Start));
        Assert.Equal(TransitionKind.Cancelled, Step(engine, Start.AddMinutes(1)));
        Assert.Null(Step(engine, Start.AddMinutes(2)));
    }

    [Fact]
    public void Evaluate_HeldForExactlyFor_Fires()
    {
        var engine = Engine(Condition, forDuration: TimeSpan.FromSeconds(30));
        Feed(engine, Start, ok: 0, failed: 1);

        Assert.Equal(TransitionKind.Pending, Step(engine, Start));
        Assert.Null(Step(engine, Start.AddSeconds(29)));
        Assert.Equal(TransitionKind.Firing, Step(engine, Start.AddSeconds(30)));
    }

    [Fact]
    public void Evaluate_KeepFiringFor_HoldsThenResolves()
    {
        var engine = Engine(Condition, keepFiringFor: TimeSpan.FromMinutes(5), noData: NoDataPolicy.Resolve);
        Feed(engine, Start, ok: 0, failed: 1);
        Assert.Equal(TransitionKind.Firing, Step(engine, Start));

        // The condition stops holding at +1m; the alert keeps firing until 5 minutes after the last time it held.
        Assert.Null(Step(engine, Start.AddMinutes(1)));
        Assert.Null(Step(engine, Start.AddMinutes(4)));
        Assert.Equal(TransitionKind.Resolved, Step(engine, Start.AddMinutes(5)));
    }

    [Fact]
    public void Evaluate_ConditionReturnsDuringKeepFiring_DoesNotRefire()
    {
        var engine = Engine(Condition, keepFiringFor: TimeSpan.FromMinutes(5), noData: NoDataPolicy.Resolve);
        Feed(engine, Start, ok: 0, failed: 1);
        Assert.Equal(TransitionKind.Firing, Step(engine, Start));
        Assert.Null(Step(engine, Start.AddMinutes(2)));

        Feed(engine, Start.AddMinutes(3), ok: 0, failed: 1);
        Assert.Null(Step(engine, Start.AddMinutes(3)));
        Assert.Null(Step(engine, Start.AddMinutes(7)));
        Assert.Equal(TransitionKind.Resolved, Step(engine, Start.AddMinutes(8)));
    }

    [Fact]
    public void Evaluate_FiringAndTheWindowEmpties_KeepsFiringUntilFiguresShowTheRecovery()
    {
        var engine = Engine(Condition);
        Feed(engine, Start, ok: 0, failed: 2);
        Assert.Equal(TransitionKind.Firing, Step(engine, Start));

        // Nothing observed for an hour (the traffic stopped, or the daemon was down): no figures, no resolve.
        Assert.Null(Step(engine, Start.AddMinutes(5)));
        Assert.Null(Step(engine, Start.AddHours(1)));
        Assert.Equal(AlertState.Firing, engine.StateOf(engine.Rules[0]));

        Feed(engine, Start.AddHours(1).AddSeconds(10), ok: 3, failed: 0);
        Assert.Equal(TransitionKind.Resolved, Step(engine, Start.AddHours(1).AddSeconds(10)));
    }

    [Fact]
    public void Evaluate_FiringAndTheWindowEmptiesWithNoDataResolve_ResolvesAsTheConditionClears()
    {
        var engine = Engine(Condition, noData: NoDataPolicy.Resolve);
        Feed(engine, Start, ok: 0, failed: 2);
        Assert.Equal(TransitionKind.Firing, Step(engine, Start));

        Assert.Equal(TransitionKind.Resolved, Step(engine, Start.AddMinutes(1)));
    }

    [Fact]
    public void Evaluate_PendingAndTheWindowEmpties_Cancels()
    {
        var engine = Engine(Condition, forDuration: TimeSpan.FromMinutes(5));
        Feed(engine, Start, ok: 0, failed: 2);
        Assert.Equal(TransitionKind.Pending, Step(engine, Start));

        Assert.Equal(TransitionKind.Cancelled, Step(engine, Start.AddMinutes(2)));
    }

    [Fact]
    public void Evaluate_ClockJumpsBackwards_NeitherFiresNorResolvesEarly()
    {
        var engine = Engine(Condition, forDuration: TimeSpan.FromMinutes(1), keepFiringFor: TimeSpan.FromMinutes(1));
        Feed(engine, Start.AddMinutes(10), ok: 0, failed: 1);
        Assert.Equal(TransitionKind.Pending, Step(engine, Start.AddMinutes(10)));
        Feed(engine, Start, ok: 0, failed: 1);
        Assert.Null(Step(engine, Start.AddSeconds(30))); // pending for "minus 9.5 minutes": still pending

        Feed(engine, Start.AddMinutes(11), ok: 0, failed: 1);
        Assert.Equal(TransitionKind.Firing, Step(engine, Start.AddMinutes(11)));
        Assert.Null(Step(engine, Start.AddMinutes(5))); // back in time, nothing in the window: not resolved early
    }

    [Fact]
    public void Transition_CarriesClassificationAndActiveSince()
    {
        var engine = Engine(Condition, forDuration: TimeSpan.FromSeconds(10));
        Feed(engine, Start, ok: 0, failed: 2, errorType: "CLOSED", restaurantPrefix: "r");
        engine.Evaluate(Start);

        var fired = Assert.Single(engine.Evaluate(Start.AddSeconds(10)));
        Assert.Equal(Start, fired.ActiveSince);
        Assert.True(fired.IsUrgent);
        Assert.Equal(2, fired.Figures.DistinctRestaurants);
        Assert.Equal(new KeyValuePair<string, long>("CLOSED", 2), Assert.Single(fired.Figures.TopErrorTypes));
        Assert.Contains("error ratio 100%", fired.Summary, StringComparison.Ordinal);
    }
}
