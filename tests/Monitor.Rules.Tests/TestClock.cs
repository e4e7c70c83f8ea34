using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using Monitor.Rules.Observations;

namespace Monitor.Rules.Tests;

/// <summary>Times and feeding helpers shared by the tests: the clock is a value passed in.</summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    public static RuleEngine Engine(RuleCondition condition, string signal = "checkout", TimeSpan forDuration = default, TimeSpan keepFiringFor = default,
        NoDataPolicy noData = NoDataPolicy.Keep) =>
        new([Rule(condition, signal, forDuration, keepFiringFor, noData: noData)]);

    public static AlertRule Rule(RuleCondition condition, string signal = "checkout", TimeSpan forDuration = default, TimeSpan keepFiringFor = default, string name = "rule",
        NoDataPolicy noData = NoDataPolicy.Keep) =>
        new(name, signal, condition, Severity.Critical, AlertCategory.OrdersBlocked, forDuration, keepFiringFor) { NoData = noData };

    public static void Feed(RuleEngine engine, DateTimeOffset at, int ok, int failed, string? errorType = null, string? restaurantPrefix = null, string signal = "checkout")
    {
        for (var i = 0; i < ok; i++)
        {
            engine.Record(new Observation(signal, at, true, RestaurantId: restaurantPrefix is null ? null : restaurantPrefix + i));
        }

        for (var i = 0; i < failed; i++)
        {
            engine.Record(new Observation(signal, at, false, "status", ErrorType: errorType,
                RestaurantId: restaurantPrefix is null ? null : restaurantPrefix + i));
        }
    }

    public static TransitionKind? Step(RuleEngine engine, DateTimeOffset at) =>
        engine.Evaluate(at) is [var only] ? only.Kind : null;
}
