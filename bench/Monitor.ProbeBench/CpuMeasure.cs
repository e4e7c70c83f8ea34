using System.Diagnostics;
using System.Globalization;

namespace Monitor.ProbeBench;

/// <summary>
/// Runs one operation COUNT times over a set of workers (each worker one at a time, all workers at once), after a
/// warm-up of up to 200, and prints the process CPU time it took: operations per CPU-second is the compared figure.
/// </summary>
internal static class CpuMeasure
{
    public static async Task<int> RunAsync<T>(string label, IReadOnlyList<T> workers, int count, Func<T, Task<bool>> once)
    {
        await RunAllAsync(workers, Math.Min(200, count), once);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var failures = await RunAllAsync(workers, count, once);
        wall.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label} probes={count} failures={failures} cpu_seconds={cpu:0.000} probes_per_cpu_second={count / cpu:0} wall_seconds={wall.Elapsed.TotalSeconds:0.000} probes_per_second={count / wall.Elapsed.TotalSeconds:0}"));
        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> RunAllAsync<T>(IReadOnlyList<T> workers, int count, Func<T, Task<bool>> once)
    {
        var next = -1;
        var failures = 0;
        await Task.WhenAll(workers.Select(async worker =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                if (!await once(worker))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        return failures;
    }
}
