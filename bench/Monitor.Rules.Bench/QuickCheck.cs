using System.Diagnostics;
using System.Globalization;

namespace Monitor.Rules.Bench;

/// <summary>
/// A stopwatch run of the same benchmarks (seconds instead of minutes). Besides wall-clock time it
/// reports time per operation in CPU time of this process, which stays meaningful when the machine
/// is shared with other busy processes and wall-clock figures mostly measure waiting for a core.
/// </summary>
internal static class QuickCheck
{
    public static void Run()
    {
        var record = new RecordBenchmarks();
        record.Setup();
        Report("record, one series, per observation", () => record.RecordOneSeries(), RecordBenchmarks.Batch);
        Report("record, 10,000 series, per observation", () => record.RecordManySeries(), RecordBenchmarks.Batch);
        var evaluate = new EvaluateBenchmarks();
        evaluate.Setup();
        Report("evaluate 1,000 rules over 10,000 series", () =>
        {
            for (var i = 0; i < 20; i++)
            {
                evaluate.Evaluate1000RulesOver10000Series();
            }
        }, 20);
        Report("readings of 1,000 rules over 10,000 series", () =>
        {
            for (var i = 0; i < 20; i++)
            {
                evaluate.Readings1000RulesOver10000Series();
            }
        }, 20);
    }

    private static void Report(string name, Action action, int operations)
    {
        action();
        var process = Process.GetCurrentProcess();
        double bestWall = double.MaxValue, bestCpu = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            action();
            var wall = watch.Elapsed;
            process.Refresh();
            bestWall = Math.Min(bestWall, wall.TotalNanoseconds / operations);
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalNanoseconds / operations);
        }

        Console.WriteLine(operations > 1000
            ? string.Create(CultureInfo.InvariantCulture, $"{name}: wall {bestWall:0.0} ns, cpu {bestCpu:0.0} ns ({1e3 / bestCpu:0.00} M/s per core of cpu time)")
            : string.Create(CultureInfo.InvariantCulture, $"{name}: wall {bestWall / 1e6:0.00} ms, cpu {bestCpu / 1e6:0.00} ms"));
    }
}
