using System.Diagnostics;
using System.Globalization;

namespace Monitor.ProbeBench;

/// <summary>
/// What a probe costs above its TLS handshake, with the machine's load taken out: batches of HttpProbe runs and of
/// bare handshakes take turns in one process (after a warm-up of both), each batch's process CPU counted to its side.
/// Two separate runs a minute apart on this shared machine differed by more than the HTTP part itself.
/// </summary>
internal static class OverheadLoop
{
    private const int Batch = 200;

    public static async Task<int> RunAsync(Uri url, int count, int concurrency, string? caFile)
    {
        var probes = ProbeLoop.Create(url, concurrency, caFile);
        var clients = HandshakeLoop.Clients(url, concurrency, caFile);
        try
        {
            Func<Task<int>>[] sides =
            [
                () => CpuMeasure.RunAllAsync(probes, Batch, async probe => (await probe.RunAsync(CancellationToken.None)).Success),
                () => CpuMeasure.RunAllAsync(clients, Batch, client => client.HandshakeAsync()),
            ];
            for (var i = 0; i < 25; i++)
            {
                await sides[0]();
                await sides[1]();
            }

            var cpu = new double[2];
            var failures = 0;
            var process = Process.GetCurrentProcess();
            for (var done = 0; done < count; done += Batch)
            {
                for (var side = 0; side < 2; side++)
                {
                    process.Refresh();
                    var before = process.TotalProcessorTime;
                    failures += await sides[side]();
                    process.Refresh();
                    cpu[side] += (process.TotalProcessorTime - before).TotalSeconds;
                }
            }

            var runs = (count + Batch - 1) / Batch * Batch;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"overhead probes={runs} failures={failures} probe_per_cpu_second={runs / cpu[0]:0} handshake_per_cpu_second={runs / cpu[1]:0} probe_us={1e6 * cpu[0] / runs:0} handshake_us={1e6 * cpu[1] / runs:0}"));
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            probes.ForEach(p => p.Dispose());
            clients.ForEach(c => c.Dispose());
        }
    }
}
