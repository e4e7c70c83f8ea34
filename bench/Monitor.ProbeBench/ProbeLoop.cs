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
        var probes = Create(url, concurrency, caFile);
        try
        {
            return await CpuMeasure.RunAsync("monitor", probes, count, async probe => (await probe.RunAsync(CancellationToken.None)).Success);
        }
        finally
        {
            probes.ForEach(p => p.Dispose());
        }
    }

    /// <summary>One probe per worker, each its own target with the same settings.</summary>
    internal static List<HttpProbe> Create(Uri url, int concurrency, string? caFile) =>
        Enumerable.Range(0, concurrency).Select(i => new HttpProbe(
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
}
