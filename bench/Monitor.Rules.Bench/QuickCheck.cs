using System.Diagnostics;
using System.Globalization;

namespace Monitor.Rules.Bench;

/// <summary>
/// A rough stopwatch run of the same benchmarks (seconds instead of minutes), for a quick look while
/// changing the engine. The figures to report come from the BenchmarkDotNet run.
/// </summary>
internal static class QuickCheck
{
    public static void Run()
    {
        var record = new RecordBenchmarks();
        record.Setup();
        Report("one series", () => record.RecordOneSeries(), RecordBenchmarks.Batch);
        Report("10,000 series", () => record.RecordManySeries(), RecordBenchmarks.Batch);
        var evaluate = new EvaluateBenchmarks();
        evaluate.Setup();
        Report("evaluate 1,000 rules", () => evaluate.Evaluate1000RulesOver10000Series(), 1);
    }

    private static void Report(string name, Action action, int operations)
    {
        action();
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalNanoseconds / operations);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {best:0.0} ns per operation ({1e3 / best:0.00} M/s)"));
    }
}
