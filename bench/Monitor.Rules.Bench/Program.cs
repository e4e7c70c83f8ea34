using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Monitor.Rules.Bench;

if (args is ["quick"])
{
    QuickCheck.Run();
    return;
}

// A short job: the machine is small and shared; figures are indicative, medians of a few iterations.
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithId("short")).WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summaries = BenchmarkSwitcher.FromTypes([typeof(RecordBenchmarks), typeof(EvaluateBenchmarks)]).Run(args, config).ToList();

var reports = summaries.SelectMany(s => s.Reports).Where(r => r.ResultStatistics is not null).ToList();
BenchmarkReport? Find(string method) => reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);
string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

Console.WriteLine();
Console.WriteLine("== Monitor.Rules figures ==");
if (Find(nameof(RecordBenchmarks.RecordOneSeries)) is { } one)
{
    Console.WriteLine(Format($"observations/s per core, one series, distinct restaurants: {1e9 / one.ResultStatistics!.Median / 1e6:0.0} M (target >= 10 M)"));
    Console.WriteLine(Format($"bytes allocated per observation, one series: {one.GcStats.GetBytesAllocatedPerOperation(one.BenchmarkCase) ?? 0} (target 0)"));
}

if (Find(nameof(RecordBenchmarks.RecordManySeries)) is { } many)
{
    Console.WriteLine(Format($"observations/s per core, 10,000 series: {1e9 / many.ResultStatistics!.Median / 1e6:0.0} M (target >= 3 M)"));
    Console.WriteLine(Format($"bytes allocated per observation, 10,000 series: {many.GcStats.GetBytesAllocatedPerOperation(many.BenchmarkCase) ?? 0} (target 0)"));
}

if (Find(nameof(EvaluateBenchmarks.Evaluate1000RulesOver10000Series)) is { } evaluate)
{
    Console.WriteLine(Format($"evaluate 1,000 rules over 10,000 series: {evaluate.ResultStatistics!.Median / 1e6:0.00} ms (target < 10 ms), {evaluate.GcStats.GetBytesAllocatedPerOperation(evaluate.BenchmarkCase) ?? 0} bytes allocated"));
}

if (Find(nameof(EvaluateBenchmarks.Readings1000RulesOver10000Series)) is { } readings)
{
    Console.WriteLine(Format($"read every rule's measurement after that evaluation (metrics, status page): {readings.ResultStatistics!.Median / 1e6:0.00} ms, {readings.GcStats.GetBytesAllocatedPerOperation(readings.BenchmarkCase) ?? 0} bytes allocated"));
}
