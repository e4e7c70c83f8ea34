using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using static Monitor.Rules.Tests.TestClock;

namespace Monitor.Rules.Tests.Definitions;

public sealed class RulePresetsTests
{
    [Fact]
    public void Create_EveryName_GivesRuleOfThatName()
    {
        foreach (var name in RulePresets.Names)
        {
            Assert.Equal(name, RulePresets.Create(name)!.Name);
        }

        Assert.Null(RulePresets.Create("nope"));
        Assert.Equal("orders", RulePresets.Create("checkout-errors", "orders")!.Signal);
    }

    [Fact]
    public void FeedEntityErrors_LatestRunShares_FireAboveFivePercentPerType()
    {
        var engine = new RuleEngine([RulePresets.FeedEntityErrors()]);
        engine.RecordGauge(FeedSignals.Entities("MenuItem"), Start, 0.06);
        engine.RecordGauge(FeedSignals.Entities("Menu"), Start, 0.04);

        var fired = Assert.Single(engine.Evaluate(Start));
        Assert.Equal("feed:MenuItem", fired.Signal);
        Assert.Equal(0.06, fired.Figures.Value, 6);
    }

    [Fact]
    public void FeedEntityErrors_CleanRunAfterBadOne_ResolvesAtOnceDespiteTheHourOfCounts()
    {
        var engine = new RuleEngine([RulePresets.FeedEntityErrors()]);
        var signal = FeedSignals.Entities("Fee");
        engine.RecordCounts(signal, Start, 0, 12, "INVALID");
        engine.RecordGauge(signal, Start, 1.0);
        Assert.Equal(TransitionKind.Firing, Assert.Single(engine.Evaluate(Start)).Kind);

        engine.RecordCounts(signal, Start.AddMinutes(6), 12, 0, "INVALID");
        engine.RecordGauge(signal, Start.AddMinutes(6), 0);

        Assert.Equal(TransitionKind.Resolved, Assert.Single(engine.Evaluate(Start.AddMinutes(6))).Kind);
    }

    [Fact]
    public void EntityAge_StaleShareOverOnePercent_Fires()
    {
        var engine = new RuleEngine([RulePresets.EntityAge()]);
        engine.RecordGauge(FeedSignals.Age, Start, 0.011);

        Assert.Equal("entity-age", Assert.Single(engine.Evaluate(Start)).Rule);
    }

    [Fact]
    public void CheckoutErrors_FullOutageAtLowTraffic_FiresLongBeforeGooglesRule()
    {
        // Google's rule, as published: over 50% in 30 minutes, 25 errors, 5 restaurants.
        var google = new AlertRule("google", "checkout",
            new ErrorRatioCondition(TimeSpan.FromMinutes(30), 0.5000001, MinErrors: 25, MinDistinctRestaurants: 5),
            Severity.Info, AlertCategory.None);
        var engine = new RuleEngine([RulePresets.CheckoutErrors(), google]);
        DateTimeOffset? ours = null, theirs = null;
        for (var minute = 0; minute < 60; minute++)
        {
            var at = Start.AddMinutes(minute);
            Feed(engine, at, ok: minute < 10 ? 2 : 0, failed: minute < 10 ? 0 : 2, restaurantPrefix: "r" + minute);
            foreach (var t in engine.Evaluate(at).Where(t => t.Kind == TransitionKind.Firing))
            {
                if (t.Rule == "google")
                {
                    theirs ??= at;
                }
                else
                {
                    ours ??= at;
                }
            }
        }

        Assert.Equal(Start.AddMinutes(12), ours); // 5 errors, 3 restaurants, 5/24 then 6/22
        Assert.NotNull(theirs);
        Assert.True(theirs - ours >= TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void FulfillmentSloPage_RoutineBusinessErrorsAllDay_NeverPages()
    {
        var engine = new RuleEngine([RulePresets.FulfillmentSloPage(), RulePresets.CheckoutInfrastructureErrors()]);
        var transitions = new List<AlertTransition>();
        for (var minute = 0; minute < 6 * 60; minute++)
        {
            var at = Start.AddMinutes(minute);
            // 8% of checkouts closed or repriced: 16x the budget of a 99.5% objective, were they counted.
            Feed(engine, at, ok: 92, failed: 8, errorType: minute % 2 == 0 ? "CLOSED" : "PRICE_CHANGED", restaurantPrefix: "r");
            transitions.AddRange(engine.Evaluate(at));
        }

        Assert.Empty(transitions);
    }

    [Fact]
    public void CheckoutInfrastructureErrors_FullOutage_FiresWithinHalfAMinute()
    {
        var engine = new RuleEngine([RulePresets.CheckoutInfrastructureErrors()]);
        for (var second = 0; second < 600; second++)
        {
            Feed(engine, Start.AddSeconds(second), ok: 2, failed: 0, restaurantPrefix: "r");
        }

        DateTimeOffset? fired = null;
        for (var second = 600; second < 660 && fired is null; second++)
        {
            var at = Start.AddSeconds(second);
            Feed(engine, at, ok: 0, failed: 2, restaurantPrefix: "r" + second);
            fired = engine.Evaluate(at).FirstOrDefault(t => t.Kind == TransitionKind.Firing)?.At;
        }

        Assert.NotNull(fired);
        Assert.InRange(fired.Value - Start.AddSeconds(600), TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }
}
