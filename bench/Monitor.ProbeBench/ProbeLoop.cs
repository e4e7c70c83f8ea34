using System.Diagnostics;
using System.Globalization;
using Monitor.Probes.Http;

namespace Monitor.ProbeBench;

/// <summary>
/// Runs the daemon's HttpProbe COUNT times (after a warm-up) with CONCURRENCY targets in parallel, and prints the
/// process CPU time it took: probes per CPU-second is the figure compared with the blackbox exporter.
/// </summary>
internal static class ProbeLoop
{
    public static async Task<int> RunAsync(Uri url, int count, int concurrency, string? caFile = null)
    {
        var probes = Enumerable.Range(0, concurrency).Select(i => new HttpProbe(
            new HttpTargetOptions
            {
                Name = $"bench-{i}",
                Url = url.ToString(),
                Timeout = "5s",
                // Without the target's CA file its certificate is self-signed: verification is skipped, and its expiry
                // is still measured on every run. With it, the chain and the host name are verified on every run.
                InsecureSkipVerify = url.Scheme == Uri.UriSchemeHttps && caFile is null,
                CaFile = caFile,
                Expect = new HttpExpectOptions { Json = [new JsonCheckOptions { Path = "$.expectedFinalState", Value = "CREATED" }] },
            },
            TimeProvider.System,
            AppContext.BaseDirectory)).ToList();

        await RunAllAsync(probes, Math.Min(200, count));
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var failures = await RunAllAsync(probes, count);
        wall.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        probes.ForEach(p => p.Dispose());

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"monitor probes={count} failures={failures} cpu_seconds={cpu:0.000} probes_per_cpu_second={count / cpu:0} wall_seconds={wall.Elapsed.TotalSeconds:0.000} probes_per_second={count / wall.Elapsed.TotalSeconds:0}"));
        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> RunAllAsync(List<HttpProbe> probes, int count)
    {
        var next = -1;
        var failures = 0;
        await Task.WhenAll(probes.Select(async probe =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                var result = await probe.RunAsync(CancellationToken.None);
                if (!result.Success)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        return failures;
    }
}
