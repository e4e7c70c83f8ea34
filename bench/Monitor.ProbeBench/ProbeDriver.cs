using System.Diagnostics;
using System.Globalization;

namespace Monitor.ProbeBench;

/// <summary>
/// Asks the blackbox exporter to probe COUNT times through its /probe endpoint, CONCURRENCY at a time, and checks
/// each answer reports <c>probe_success 1</c>. Its own CPU is not the exporter's: probes.sh reads that from /proc.
/// </summary>
internal static class ProbeDriver
{
    public static async Task<int> RunAsync(Uri url, int count, int concurrency)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var next = -1;
        var failures = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                var text = await client.GetStringAsync(url);
                if (!text.Contains("\nprobe_success 1", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        wall.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"driver probes={count} failures={failures} wall_seconds={wall.Elapsed.TotalSeconds:0.000} probes_per_second={count / wall.Elapsed.TotalSeconds:0}"));
        return failures == 0 ? 0 : 1;
    }
}
