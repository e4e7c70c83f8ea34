using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using Monitor.Rules.Observations;
using Monitor.Rules.Windows;
using static Monitor.Rules.Tests.TestClock;

namespace Monitor.Rules.Tests.Evaluation;

public sealed class RuleEngineSeriesTests
{
    private static readonly ErrorRatioCondition Condition = new(TimeSpan.FromMinutes(1), 0.5);

    [Fact]
    public void Evaluate_PatternRule_AlertsPerMatchingSeries()
    {
        var rule = Rule(Condition, "feed:*");
        var engine = new RuleEngine([rule]);
        Feed(engine, Start, ok: 0, failed: 1, signal: "feed:Menu");
        Feed(engine, Start, ok: 1, failed: 0, signal: "feed:Service");

        var fired = Assert.Single(engine.Evaluate(Start));
        Assert.Equal("feed:Menu", fired.Signal);
        Assert.Equal(Fingerprints.For("rule", "feed:Menu"), fired.Fingerprint);
        Assert.Equal(AlertState.Firing, engine.StateOf(rule, "feed:Menu"));
        Assert.Equal(AlertState.Inactive, engine.StateOf(rule, "feed:Service"));
        Assert.Equal(AlertState.Firing, engine.StateOf(rule));
    }

    [Fact]
    public void EvaluateSignal_TwoFailingSeries_OnlyTheNamedOneMoves()
    {
        var rule = Rule(Condition, "feed:*");
        var engine = new RuleEngine([rule]);
        Feed(engine, Start, ok: 0, failed: 1, signal: "feed:Menu");
        Feed(engine, Start, ok: 0, failed: 1, signal: "feed:Service");

        var fired = Assert.Single(engine.Evaluate(Start, "feed:Menu"));

        Assert.Equal("feed:Menu", fired.Signal);
        Assert.Equal(AlertState.Inactive, engine.StateOf(rule, "feed:Service"));
        Assert.Equal(["feed:Menu"], engine.Readings("feed:Menu", Start).Select(r => r.Signal));
        Assert.Empty(engine.Evaluate(Start, "feed:Unknown"));
        Assert.Equal("feed:Service", Assert.Single(engine.Evaluate(Start)).Signal);
    }

    [Fact]
    public void EvaluateSignal_SeveralRulesAndSeries_MovesThatSignalsAlertsInRuleOrder()
    {
        // Rules in an order that differs from the order their series are first seen.
        var exact = Rule(Condition, "t-7", name: "exact");
        var pattern = Rule(Condition, "t-*", name: "pattern");
        var other = Rule(Condition, "u-*", name: "other");
        var second = Rule(Condition, "t-*", name: "second");
        var engine = new RuleEngine([exact, pattern, other, second]);
        for (var i = 0; i < 20; i++)
        {
            Feed(engine, Start, ok: 0, failed: 1, signal: $"t-{i}");
            Feed(engine, Start, ok: 0, failed: 1, signal: $"u-{i}");
        }

        var fired = engine.Evaluate(Start, "t-7");

        Assert.Equal(["exact", "pattern", "second"], fired.Select(t => t.Rule));
        Assert.All(fired, t => Assert.Equal("t-7", t.Signal));
        Assert.Equal(AlertState.Inactive, engine.StateOf(pattern, "t-8"));
        Assert.Equal(AlertState.Inactive, engine.StateOf(other, "u-7"));
        // The full evaluation moves the rest: 19 t-series for two rules, 20 u-series for one.
        Assert.Equal(19 * 2 + 20, engine.Evaluate(Start).Count);
    }

    [Fact]
    public void Record_SignalNoPatternMatches_ReturnsFalse()
    {
        var engine = new RuleEngine([Rule(Condition, "feed:*")]);

        Assert.False(engine.Record(new Observation("checkout", Start, true)));
        Assert.Equal(0, engine.SeriesCount);
    }

    [Fact]
    public void Fingerprint_SameRuleAndSeries_IsStableAndDistinctPerSeries()
    {
        Assert.Equal(Fingerprints.For("a", "x"), Fingerprints.For("a", "x"));
        Assert.NotEqual(Fingerprints.For("a", "x"), Fingerprints.For("a", "y"));
        Assert.Equal(16, Fingerprints.For("a", "x").Length);
    }

    [Fact]
    public void Constructor_DuplicateRuleNames_Throws() =>
        Assert.Throws<ArgumentException>(() => new RuleEngine([Rule(Condition, "a"), Rule(Condition, "b")]));

    [Fact]
    public void Evaluate_RulesWithDifferentFiltersOnOneSignal_CountSeparately()
    {
        var all = Rule(Condition, name: "all");
        var declined = Rule(Condition with { IncludeErrorTypes = ["PAYMENT_DECLINED"] }, name: "declined");
        var engine = new RuleEngine([all, declined]);
        Feed(engine, Start, ok: 1, failed: 1, errorType: "CLOSED");

        var fired = Assert.Single(engine.Evaluate(Start));
        Assert.Equal("all", fired.Rule);
    }

    [Fact]
    public void Summarize_KnownSignal_CountsEveryFailure()
    {
        var engine = new RuleEngine([Rule(new ErrorRatioCondition(TimeSpan.FromMinutes(10), 0.5, IncludeErrorTypes: ["X"]))]);
        Feed(engine, Start, ok: 3, failed: 2, errorType: "CLOSED", restaurantPrefix: "r");

        Assert.Equal(new WindowSummary(5, 2, 2), engine.Summarize("checkout", TimeSpan.FromMinutes(5), Start.AddMinutes(1)));
        Assert.Equal(new WindowSummary(0, 0, 0), engine.Summarize("checkout", TimeSpan.FromMinutes(5), Start.AddMinutes(6)));
        Assert.Null(engine.Summarize("checkout", TimeSpan.FromHours(1), Start));
        Assert.Null(engine.Summarize("other", TimeSpan.FromMinutes(5), Start));
    }
}
