using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Monitor.ProbeBench;

/// <summary>
/// Runs one operation COUNT times over a set of workers (each worker one at a time, all workers at once), after a
/// warm-up, and prints the process CPU time it took: operations per CPU-second is the compared figure.
/// </summary>
/// <remarks>
/// The warm-up lasts until the JIT is done, and at least WARMUP operations (200 if unset). Tiered compilation keeps
/// recompiling the hot TLS and HTTP code for thousands of probes; after a fixed 200 the tiering thread was still
/// 21% of the measured CPU (perf), and the figure said more about how far tiering had got than about a probe: 390
/// probes per CPU-second after 200, 634 after 6000, in one load (3 to 5). The daemon probes for days, so its cost
/// per probe is the settled one. The warm-up used is printed, so that the other side gets as many.
/// </remarks>
internal static class CpuMeasure
{
    private const int WarmupBatch = 200;
    private const int MaxWarmup = 20_000;

    public static async Task<int> RunAsync<T>(string label, IReadOnlyList<T> workers, int count, Func<T, Task<bool>> once)
    {
        var warmup = await WarmUpAsync(workers, once);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var jitBefore = JitInfo.GetCompilationTime();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var collectionsBefore = GC.CollectionCount(0);
        var wall = Stopwatch.StartNew();
        var failures = await RunAllAsync(workers, count, once);
        wall.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var jit = (JitInfo.GetCompilationTime() - jitBefore).TotalSeconds;
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / count;
        var collections = GC.CollectionCount(0) - collectionsBefore;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label} probes={count} failures={failures} cpu_seconds={cpu:0.000} probes_per_cpu_second={count / cpu:0} wall_seconds={wall.Elapsed.TotalSeconds:0.000} probes_per_second={count / wall.Elapsed.TotalSeconds:0} warmup={warmup} jit_seconds={jit:0.000} allocated_bytes_per_probe={allocated} gen0_collections={collections}"));
        return failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// Runs batches until three in a row compiled no method (or the cap is reached); returns how many operations ran.
    /// One quiet batch is not enough: under load the tiering thread falls behind, and a warm-up that stopped at the
    /// first quiet batch measured 512 probes per CPU-second where one that ran on measured 663.
    /// </summary>
    private static async Task<int> WarmUpAsync<T>(IReadOnlyList<T> workers, Func<T, Task<bool>> once)
    {
        var least = int.Parse(Environment.GetEnvironmentVariable("WARMUP") ?? "200", CultureInfo.InvariantCulture);
        var done = 0;
        var quiet = 0;
        while (done < MaxWarmup && (done < least || quiet < 3))
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            await RunAllAsync(workers, WarmupBatch, once);
            done += WarmupBatch;
            quiet = JitInfo.GetCompiledMethodCount() == compiled ? quiet + 1 : 0;
        }

        return done;
    }

    /// <summary>Runs <paramref name="count"/> calls of <paramref name="once"/> spread over the workers; returns the failures.</summary>
    internal static async Task<int> RunAllAsync<T>(IReadOnlyList<T> workers, int count, Func<T, Task<bool>> once)
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
