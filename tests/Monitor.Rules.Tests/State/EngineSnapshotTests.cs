using System.Text.Json;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using Monitor.Rules.Observations;
using Monitor.Rules.State;
using static Monitor.Rules.Tests.TestClock;

namespace Monitor.Rules.Tests.State;

public sealed class EngineSnapshotTests
{
    private static AlertRule[] Rules() =>
    [
        Rule(new ErrorRatioCondition(TimeSpan.FromMinutes(5), 0.5, MinDistinctRestaurants: 2), name: "ratio"),
        Rule(new LatencyQuantileCondition(TimeSpan.FromMinutes(5), 0.5, TimeSpan.FromSeconds(1)), name: "latency", forDuration: TimeSpan.FromMinutes(2)),
        Rule(new CountDropCondition(0.5, CountDropReference.Baseline, TimeSpan.FromDays(1)), "feed:*", name: "drop"),
    ];

    private static RuleEngine RoundTrip(RuleEngine engine)
    {
        var json = JsonSerializer.Serialize(engine.ExportState());
        var restored = new RuleEngine(Rules());
        restored.ImportState(JsonSerializer.Deserialize<EngineSnapshot>(json)!);
        return restored;
    }

    [Fact]
    public void ImportState_AfterJsonRoundTrip_ResumesWithoutRealerting()
    {
        var engine = new RuleEngine(Rules());
        Feed(engine, Start, ok: 1, failed: 3, errorType: "CLOSED", restaurantPrefix: "r");
        engine.Record(new Observation("checkout", Start, true, Latency: TimeSpan.FromSeconds(2)));
        engine.RecordGauge("feed:Menu", Start, 100);
        engine.RecordGauge("feed:Menu", Start.AddMinutes(1), 40);
        var before = engine.Evaluate(Start.AddMinutes(1));
        Assert.Equal(3, before.Count); // ratio fires, latency pends, drop fires

        var restored = RoundTrip(engine);

        Assert.Empty(restored.Evaluate(Start.AddMinutes(2)));
        Assert.Equal(AlertState.Firing, restored.StateOf(restored.Rules[0]));
        Assert.Equal(AlertState.Pending, restored.StateOf(restored.Rules[1]));
        Assert.Equal(AlertState.Firing, restored.StateOf(restored.Rules[2], "feed:Menu"));
        var fired = Assert.Single(restored.Evaluate(Start.AddMinutes(3)));
        Assert.Equal(TransitionKind.Firing, fired.Kind);
        Assert.Equal(Start.AddMinutes(1), fired.ActiveSince);
    }

    [Fact]
    public void ImportState_AfterJsonRoundTrip_KeepsWindowContents()
    {
        var engine = new RuleEngine(Rules());
        Feed(engine, Start, ok: 1, failed: 1, errorType: "CLOSED", restaurantPrefix: "r");

        var restored = RoundTrip(engine);
        Feed(restored, Start.AddMinutes(1), ok: 0, failed: 1, errorType: "CLOSED", restaurantPrefix: "s");

        var fired = Assert.Single(restored.Evaluate(Start.AddMinutes(1)));
        Assert.Equal(3, fired.Figures.Samples);
        Assert.Equal(2, fired.Figures.DistinctRestaurants);
        Assert.Equal(2, fired.Figures.TopErrorTypes[0].Value);
    }

    [Fact]
    public void ImportState_RulesChanged_DropsUnknownAlertsAndStartsNewLayoutsEmpty()
    {
        var engine = new RuleEngine(Rules());
        Feed(engine, Start, ok: 0, failed: 3, restaurantPrefix: "r");
        engine.Evaluate(Start);
        var snapshot = engine.ExportState();

        var changed = new RuleEngine([Rule(new ErrorRatioCondition(TimeSpan.FromHours(1), 0.5), name: "other")]);
        Assert.Equal(0, changed.ImportState(snapshot));
        Assert.Empty(changed.Evaluate(Start));
    }

    [Fact]
    public void ImportState_OtherVersion_IsIgnored()
    {
        var engine = new RuleEngine(Rules());
        Assert.Equal(0, engine.ImportState(new EngineSnapshot(99, [new AlertSnapshot("ratio", "checkout", AlertState.Firing, Start, Start)], [])));
    }

    [Fact]
    public void ImportState_OlderFormat_RestoresAlertsButNotWindows_AndTheAlertKeepsFiringUntilFiguresShowTheRecovery()
    {
        var engine = new RuleEngine(Rules());
        Feed(engine, Start, ok: 0, failed: 3, restaurantPrefix: "r");
        engine.Evaluate(Start);
        var snapshot = engine.ExportState() with { Version = EngineSnapshot.AlertsOnlyVersion };

        var restored = new RuleEngine(Rules());
        Assert.Equal(1, restored.ImportState(snapshot));
        Assert.Equal(AlertState.Firing, restored.StateOf(restored.Rules[0]));
        Assert.Empty(restored.Evaluate(Start));
        Assert.Equal(AlertState.Firing, restored.StateOf(restored.Rules[0]));
        Feed(restored, Start.AddSeconds(5), ok: 3, failed: 0, restaurantPrefix: "r");
        Assert.Contains(restored.Evaluate(Start.AddSeconds(5)), t => t.Rule == "ratio" && t.Kind == TransitionKind.Resolved);
    }
}
