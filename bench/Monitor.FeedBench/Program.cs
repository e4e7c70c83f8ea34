using System.Diagnostics;
using System.Globalization;
using System.Text;
using Monitor.FeedBench;

// Usage: generate --out FILE [--size-mb N | --restaurants N] [--defects 0.01] [--stale 0.005] [--seed 42] [--now ISO]
//        profile FILE
if (args.Length == 2 && args[0] == "profile")
{
    await StageProfile.RunAsync(args[1], Console.Out);
    return 0;
}

if (args.Length == 0 || args[0] != "generate")
{
    Console.Error.WriteLine("usage: Monitor.FeedBench generate --out FILE [--size-mb N | --restaurants N] [--defects SHARE] [--stale SHARE] [--seed N] [--now ISO8601]");
    Console.Error.WriteLine("       Monitor.FeedBench profile FILE");
    return 2;
}

var options = GeneratorOptions.Parse(args[1..]);
var clock = Stopwatch.StartNew();
await using (var file = new FileStream(options.Output, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20))
await using (var writer = new StreamWriter(file, new UTF8Encoding(false), 1 << 20))
{
    var generator = new FeedGenerator(options);
    generator.Write(writer, () => file.Position);
    await writer.FlushAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"wrote {options.Output}: {file.Length / 1e6:F1} MB, {generator.Entities} entities, {generator.Defects} defects, {generator.StaleEntities} stale, in {clock.Elapsed.TotalSeconds:F1} s"));
}

return 0;
