using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using Monitor.Rules.Observations;

namespace Monitor.Rules.Tests.Evaluation;

public sealed class RuleEngineTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    private static (RuleEngine Engine, AlertRule Rule) Create(TimeSpan forDuration = default, int minRestaurants = 0, NoDataPolicy noData = NoDataPolicy.Keep)
    {
        var rule = new AlertRule(
            "checkout-errors", "checkout",
            new ErrorRatioCondition(TimeSpan.FromMinutes(5), 0.5, MinSamples: 4, MinErrors: 2, MinDistinctRestaurants: minRestaurants),
            Severity.Critical, AlertCategory.OrdersBlocked, forDuration) { NoData = noData };
        return (new RuleEngine([rule]), rule);
    }

    private static void Feed(RuleEngine engine, DateTimeOffset at, int ok, int failed, string? restaurantPrefix = null)
    {
        for (var i = 0; i < ok; i++)
        {
            engine.Record(new Observation("checkout", at, true));
        }

        for (var i = 0; i < failed; i++)
        {
            engine.Record(new Observation("checkout", at, false, "status", RestaurantId: restaurantPrefix is null ? null : restaurantPrefix + i));
        }
    }

    [Fact]
    public void Evaluate_RatioAtThreshold_FiresThenResolvesWhenWindowPasses()
    {
        var (engine, rule) = Create(noData: NoDataPolicy.Resolve);
        Feed(engine, Start, ok: 2, failed: 2);

        var fired = Assert.Single(engine.Evaluate(Start));
        Assert.Equal(TransitionKind.Firing, fired.Kind);
        Assert.Equal(0.5, fired.Figures.Value);
        Assert.Equal(4, fired.Figures.Samples);
        Assert.True(fired.IsUrgent);

        Assert.Empty(engine.Evaluate(Start.AddMinutes(4)));
        var resolved = Assert.Single(engine.Evaluate(Start.AddMinutes(5)));
        Assert.Equal(TransitionKind.Resolved, resolved.Kind);
        Assert.Equal(AlertState.Inactive, engine.StateOf(rule));
    }

    [Fact]
    public void Evaluate_BelowMinSamples_StaysInactive()
    {
        var (engine, _) = Create();
        Feed(engine, Start, ok: 0, failed: 3);

        Assert.Empty(engine.Evaluate(Start));
    }

    [Fact]
    public void Evaluate_WithFor_PendsThenFires()
    {
        var (engine, rule) = Create(TimeSpan.FromMinutes(1));
        Feed(engine, Start, ok: 1, failed: 3);

        Assert.Equal(TransitionKind.Pending, Assert.Single(engine.Evaluate(Start)).Kind);
        Assert.Empty(engine.Evaluate(Start.AddSeconds(59)));
        var fired = Assert.Single(engine.Evaluate(Start.AddMinutes(1)));
        Assert.Equal(TransitionKind.Firing, fired.Kind);
        Assert.Equal(Start, fired.ActiveSince);
        Assert.Equal(AlertState.Firing, engine.StateOf(rule));
    }

    [Fact]
    public void Evaluate_TooFewDistinctRestaurants_StaysInactive()
    {
        var (engine, _) = Create(minRestaurants: 5);
        Feed(engine, Start, ok: 0, failed: 4, restaurantPrefix: "r");

        Assert.Empty(engine.Evaluate(Start));
        Feed(engine, Start, ok: 0, failed: 5, restaurantPrefix: "s");
        Assert.Equal(9, Assert.Single(engine.Evaluate(Start)).Figures.DistinctRestaurants);
    }
}
