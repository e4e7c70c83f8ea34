using BenchmarkDotNet.Attributes;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using Monitor.Rules.Observations;

namespace Monitor.Rules.Bench;

/// <summary>
/// Observations recorded per second on one core: into one series with distinct-restaurant tracking
/// (Google's checkout rule shape), and spread over 10,000 series. Memory diagnostics give the bytes
/// allocated per observation.
/// </summary>
[MemoryDiagnoser]
public class RecordBenchmarks
{
    public const int Batch = 1 << 20;

    private static readonly DateTimeOffset Start = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    private RuleEngine _one = null!;
    private RuleEngine _many = null!;
    private Observation[] _oneSeries = null!;
    private Observation[] _manySeries = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var restaurants = Enumerable.Range(0, 2000).Select(i => "restaurant-" + i).ToArray();
        var types = new[] { "CLOSED", "NO_CAPACITY", "PAYMENT_DECLINED", "PRICE_CHANGED" };
        var signals = Enumerable.Range(0, 10_000).Select(i => "s:" + i).ToArray();

        Observation Make(string signal, int i) => random.Next(4) == 0
            ? new Observation(signal, Start.AddTicks(i * 1000L), false, "status", TimeSpan.FromMilliseconds(random.Next(1, 900)),
                types[random.Next(types.Length)], restaurants[random.Next(restaurants.Length)])
            : new Observation(signal, Start.AddTicks(i * 1000L), true, null, TimeSpan.FromMilliseconds(random.Next(1, 900)),
                null, restaurants[random.Next(restaurants.Length)]);

        _oneSeries = [.. Enumerable.Range(0, Batch).Select(i => Make("checkout", i))];
        _manySeries = [.. Enumerable.Range(0, Batch).Select(i => Make(signals[random.Next(signals.Length)], i))];
        _one = new RuleEngine([RulePresets.CheckoutErrors(), RulePresets.SubmitOrderErrors("checkout"), RulePresets.PaymentDeclinedErrors("checkout")]);
        _many = new RuleEngine([new AlertRule("errors", "s:*",
            new ErrorRatioCondition(TimeSpan.FromMinutes(5), 0.5, MinDistinctRestaurants: 3), Severity.Major, AlertCategory.None)]);

        // Warm every series and error type so that the measured loop is the steady state.
        RecordOneSeries();
        RecordManySeries();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int RecordOneSeries()
    {
        var recorded = 0;
        foreach (ref readonly var observation in _oneSeries.AsSpan())
        {
            recorded += _one.Record(observation) ? 1 : 0;
        }

        return recorded;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int RecordManySeries()
    {
        var recorded = 0;
        foreach (ref readonly var observation in _manySeries.AsSpan())
        {
            recorded += _many.Record(observation) ? 1 : 0;
        }

        return recorded;
    }
}
