using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Monitor.Probes.Feed.Validation;

namespace Monitor.FeedBench;

/// <summary>
/// Where validation time goes: the same file run through the validator's stages one at a time, on one
/// thread, each stage including the ones before it, so the difference between two rows is the cost of
/// the later stage. The last row is the whole validator on every core. Beside wall time each row shows the
/// process's CPU time and megabytes per CPU-second, which other work on a shared machine skews far less.
/// </summary>
internal static class StageProfile
{
    public static async Task RunAsync(string path, TextWriter output)
    {
        var bytes = new FileInfo(path).Length;
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{"stage (one thread, cumulative, best of 3)",-52}{"wall s",8}{"MB/s",9}{"CPU s",8}{"MB/CPU-s",10}"));
        await Stage(output, bytes, "read 1 MiB blocks of whole lines", path, _ => { });
        await Stage(output, bytes, "+ split lines, check UTF-8", path, block =>
        {
            var data = block.Data;
            _ = System.Text.Unicode.Utf8.IsValid(data);
            while (!data.IsEmpty)
            {
                var nl = data.IndexOf((byte)'\n');
                data = nl < 0 ? default : data[(nl + 1)..];
            }
        });
        await Stage(output, bytes, "+ every JSON token (JsonLineReader, the validator's)", path, block =>
        {
            var data = block.Data;
            while (!data.IsEmpty)
            {
                var nl = data.IndexOf((byte)'\n');
                var line = nl < 0 ? data : data[..nl];
                data = nl < 0 ? default : data[(nl + 1)..];
                var reader = new JsonLineReader(line);
                while (reader.Read())
                {
                }
            }
        });
        await Stage(output, bytes, "  (every JSON token with Utf8JsonReader, for scale)", path, block =>
        {
            var data = block.Data;
            while (!data.IsEmpty)
            {
                var nl = data.IndexOf((byte)'\n');
                var line = nl < 0 ? data : data[..nl];
                data = nl < 0 ? default : data[(nl + 1)..];
                var reader = new Utf8JsonReader(line);
                while (reader.Read())
                {
                }
            }
        });
        var stale = TimeProvider.System.GetUtcNow().AddDays(-3).UtcTicks;
        await Stage(output, bytes, "+ schema checks (BlockValidator)", path, block =>
        {
            using var result = BlockValidator.Validate(block, stale, 3);
        }, disposes: true);

        FeedTally? tally = null;
        await Stage(output, bytes, "+ ids, references, trees (FeedTally)", path, block =>
        {
            using var result = BlockValidator.Validate(block, stale, 3);
            tally ??= new FeedTally(20, 3);
            tally.Merge(result);
        }, disposes: true, before: () => tally = null);

        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var snapshot = await Probes.Feed.Sources.FeedSources.ResolveAsync(path, new HttpClient(), null, null, CancellationToken.None);
        var report = await new FeedValidator(TimeProvider.System).ValidateAsync(snapshot, new FeedValidationSettings(), null, CancellationToken.None);
        Row(output, $"whole validator, {Environment.ProcessorCount} cores", clock.Elapsed.TotalSeconds,
            (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, bytes);
        output.WriteLine(string.Create(c, $"{report.Entities} entities, {report.Invalid} invalid"));
    }

    /// <summary>Runs a stage three times and keeps the best time: the machine is shared, so the others are noise.</summary>
    private static async Task Stage(TextWriter output, long bytes, string name, string path, Action<FeedBlock> work, bool disposes = false, Action? before = null)
    {
        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            before?.Invoke();
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
            var reader = new FeedBlockReader(stream, 1 << 20, FeedLimits.MaxEntityBytes);
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            await foreach (var block in reader.ReadAsync(CancellationToken.None))
            {
                work(block);
                if (!disposes)
                {
                    block.Dispose();
                }
            }

            best = Math.Min(best, clock.Elapsed.TotalSeconds);
            bestCpu = Math.Min(bestCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        }

        Row(output, name, best, bestCpu, bytes);
    }

    private static void Row(TextWriter output, string name, double seconds, double cpuSeconds, long bytes) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-52}{seconds,8:F2}{bytes / 1e6 / seconds,9:F0}{cpuSeconds,8:F2}{bytes / 1e6 / cpuSeconds,10:F0}"));
}
