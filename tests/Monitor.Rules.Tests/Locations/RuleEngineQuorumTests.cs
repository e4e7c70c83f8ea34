using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using Monitor.Rules.Locations;
using Monitor.Rules.Observations;
using static Monitor.Rules.Tests.TestClock;

namespace Monitor.Rules.Tests.Locations;

public sealed class RuleEngineQuorumTests
{
    private const string Target = "fulfillment";
    private static readonly string[] Locations = ["central", "eu", "us"];
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    [Fact]
    public void Evaluate_OneLocationFailing_FiresMajorUnreachableFromItOnly()
    {
        var engine = NewEngine();
        Probe(engine, Start, failing: ["eu"]);

        var transitions = engine.Evaluate(Start);

        var only = Assert.Single(transitions);
        Assert.Equal((TransitionKind.Firing, "fulfillment@eu"), (only.Kind, only.Signal));
        Assert.Equal((Severity.Major, AlertCategory.None), (only.Severity, only.Category));
        Assert.False(only.IsUrgent);
        Assert.StartsWith("unreachable from eu:", only.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TwoLocationsFailing_FiresOneUrgentAlertAndNoUnreachable()
    {
        var engine = NewEngine();
        Probe(engine, Start, failing: ["eu", "us"]);

        var transitions = engine.Evaluate(Start);

        var only = Assert.Single(transitions);
        Assert.Equal((TransitionKind.Firing, Target), (only.Kind, only.Signal));
        Assert.True(only.IsUrgent);
        Assert.Contains("failing from 2 of 3 locations (eu, us)", only.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SecondLocationJoins_UnreachableResolvesAndQuorumFires()
    {
        var engine = NewEngine();
        Probe(engine, Start, failing: ["eu"]);
        engine.Evaluate(Start);

        var later = Start.AddSeconds(30);
        Probe(engine, later, failing: ["eu", "us"]);
        var transitions = engine.Evaluate(later);

        Assert.Equal(2, transitions.Count);
        Assert.Contains(transitions, t => t is { Kind: TransitionKind.Firing, Signal: Target, Severity: Severity.Critical });
        Assert.Contains(transitions, t => t is { Kind: TransitionKind.Resolved, Signal: "fulfillment@eu" });
    }

    [Fact]
    public void Evaluate_FailingLocationGoesStale_CountsNeitherWay()
    {
        var engine = NewEngine();
        Probe(engine, Start, failing: ["eu"]);
        engine.Evaluate(Start);

        // eu stops reporting; the others keep reporting successes.
        var later = Start + StaleAfter + TimeSpan.FromMinutes(1);
        foreach (var location in new[] { "central", "us" })
        {
            engine.Record(new Observation(LocationSignals.Qualify(Target, location), later, true));
        }

        var transitions = engine.Evaluate(later);

        var only = Assert.Single(transitions);
        Assert.Equal((TransitionKind.Resolved, "fulfillment@eu"), (only.Kind, only.Signal));
        Assert.Equal(AlertState.Inactive, engine.StateOf(engine.Rules[0], Target));
    }

    [Fact]
    public void Evaluate_ShareHalfWithOneOfTwoFreshAfterThirdStale_Fires()
    {
        var engine = NewEngine(new LocationQuorum(null, 0.5, StaleAfter));
        Probe(engine, Start, failing: []);
        var later = Start + StaleAfter + TimeSpan.FromMinutes(1);
        engine.Record(new Observation(LocationSignals.Qualify(Target, "central"), later, true));
        engine.Record(new Observation(LocationSignals.Qualify(Target, "eu"), later, false, "connect"));

        var transitions = engine.Evaluate(later);

        Assert.Contains(transitions, t => t is { Kind: TransitionKind.Firing, Signal: Target });
    }

    [Fact]
    public void Evaluate_WithConfirmFor_UnreachableWaitsAndQuorumCancelsIt()
    {
        var engine = NewEngine(new LocationQuorum(2, null, StaleAfter) { ConfirmFor = TimeSpan.FromSeconds(30) });
        Probe(engine, Start, failing: ["eu"]);
        Assert.Equal(TransitionKind.Pending, Assert.Single(engine.Evaluate(Start)).Kind);

        var later = Start.AddSeconds(10);
        Probe(engine, later, failing: ["eu", "us"]);
        var transitions = engine.Evaluate(later);

        Assert.Contains(transitions, t => t is { Kind: TransitionKind.Cancelled, Signal: "fulfillment@eu" });
        Assert.Contains(transitions, t => t is { Kind: TransitionKind.Firing, Signal: Target, Severity: Severity.Critical });
    }

    [Fact]
    public void Evaluate_WithConfirmForAndOneLocationStillFailing_FiresAfterTheDelay()
    {
        var engine = NewEngine(new LocationQuorum(2, null, StaleAfter) { ConfirmFor = TimeSpan.FromSeconds(30) });
        Probe(engine, Start, failing: ["eu"]);
        engine.Evaluate(Start);
        Probe(engine, Start.AddSeconds(30), failing: ["eu"]);

        var only = Assert.Single(engine.Evaluate(Start.AddSeconds(30)));

        Assert.Equal((TransitionKind.Firing, "fulfillment@eu", Severity.Major), (only.Kind, only.Signal, only.Severity));
    }

    [Fact]
    public void Record_PlainSignal_IsNotALocation()
    {
        var engine = NewEngine();
        engine.Record(new Observation(Target, Start, false, "connect"));

        Assert.Empty(engine.Evaluate(Start));
    }

    [Fact]
    public void ExportState_FiringUnreachable_CarriesOverWithoutSecondFiring()
    {
        var engine = NewEngine();
        Probe(engine, Start, failing: ["eu"]);
        engine.Evaluate(Start);
        var restored = NewEngine();
        restored.ImportState(engine.ExportState());

        Probe(restored, Start.AddSeconds(10), failing: ["eu"]);

        Assert.Empty(restored.Evaluate(Start.AddSeconds(10)));
        Assert.Equal(AlertState.Firing, restored.StateOf(restored.Rules[0], "fulfillment@eu"));
    }

    private static RuleEngine NewEngine(LocationQuorum? quorum = null) =>
        new([new AlertRule("fulfillment-down", Target, new ErrorRatioCondition(TimeSpan.FromMinutes(1), 0.5), Severity.Critical, AlertCategory.IntegrationDown)
        {
            Quorum = quorum ?? new LocationQuorum(2, null, StaleAfter),
        }]);

    private static void Probe(RuleEngine engine, DateTimeOffset at, string[] failing)
    {
        foreach (var location in Locations)
        {
            var fails = failing.Contains(location);
            engine.Record(new Observation(LocationSignals.Qualify(Target, location), at, !fails, fails ? "connect" : null));
        }
    }
}
