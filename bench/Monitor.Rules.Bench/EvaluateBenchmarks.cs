using BenchmarkDotNet.Attributes;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using Monitor.Rules.Observations;

namespace Monitor.Rules.Bench;

/// <summary>
/// One evaluation of 1,000 rules over 10,000 series: each rule reads its own group of 10 series
/// (a signal prefix), a quarter of the series failing enough for their rules to look at restaurants.
/// The engine is in its steady state (no transitions), as between incidents.
/// </summary>
[MemoryDiagnoser]
public class EvaluateBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    private RuleEngine _engine = null!;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        var rules = Enumerable.Range(0, 1000).Select(i => new AlertRule(
            $"rule-{i}", $"g{i:0000}:*",
            new ErrorRatioCondition(TimeSpan.FromMinutes(5), 0.2, MinErrors: 5, MinDistinctRestaurants: 3),
            Severity.Major, AlertCategory.None)).ToList();
        _engine = new RuleEngine(rules);
        var random = new Random(7);
        for (var g = 0; g < 1000; g++)
        {
            for (var s = 0; s < 10; s++)
            {
                var signal = $"g{g:0000}:{s}";
                var failing = random.Next(4) == 0;
                for (var k = 0; k < 300; k++)
                {
                    var at = Start.AddSeconds(k);
                    var failed = failing ? k % 3 == 0 : k % 50 == 0;
                    _engine.Record(new Observation(signal, at, !failed, "status", RestaurantId: "r" + (k % 17)));
                }
            }
        }

        _now = Start.AddSeconds(299);
        _engine.Evaluate(_now);
    }

    [Benchmark]
    public int Evaluate1000RulesOver10000Series() => _engine.Evaluate(_now).Count;

    /// <summary>What follows every probe run and every ingested batch: the alerts of one signal's series only.</summary>
    [Benchmark]
    public int EvaluateOneSignalOf10000Series() => _engine.Evaluate(_now, "g0500:5").Count;

    /// <summary>What the daemon reads after every evaluation for its metrics and status page: one reading per series.</summary>
    [Benchmark]
    public int Readings1000RulesOver10000Series() => _engine.Readings().Count;
}
