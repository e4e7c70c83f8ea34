using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using Monitor.Rules.Observations;
using static Monitor.Rules.Tests.TestClock;

namespace Monitor.Rules.Tests.Evaluation;

public sealed class RuleEngineAllocationTests
{
    [Fact]
    public void Record_WarmSeries_AllocatesNothing()
    {
        var engine = new RuleEngine([
            RulePresets.CheckoutErrors(), RulePresets.FulfillmentSloPage(),
            new AlertRule("p99", "checkout", new LatencyQuantileCondition(TimeSpan.FromMinutes(5), 0.99, TimeSpan.FromSeconds(1)), Severity.Major, AlertCategory.None),
        ]);
        var restaurants = Enumerable.Range(0, 500).Select(i => "r" + i).ToArray();
        string[] types = ["CLOSED", "NO_CAPACITY"];
        var observations = Enumerable.Range(0, 20_000).Select(i => new Observation(
            "checkout", Start.AddMilliseconds(i * 50), i % 3 != 0, "status", TimeSpan.FromMilliseconds(i % 700),
            i % 3 == 0 ? types[i % 2] : null, restaurants[i % restaurants.Length])).ToArray();
        foreach (var o in observations.Take(1000))
        {
            engine.Record(o);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (ref readonly var o in observations.AsSpan(1000))
        {
            engine.Record(o);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Evaluate_NoTransitions_AllocatesNothing()
    {
        var engine = new RuleEngine([RulePresets.CheckoutErrors(), RulePresets.FulfillmentSloTicket()]);
        Feed(engine, Start, ok: 100, failed: 1, restaurantPrefix: "r");
        engine.Evaluate(Start);
        engine.Evaluate(Start.AddSeconds(1));

        var before = GC.GetAllocatedBytesForCurrentThread();
        engine.Evaluate(Start.AddSeconds(2));

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
