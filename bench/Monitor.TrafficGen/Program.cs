using System.Globalization;
using System.IO.Compression;
using Monitor.TrafficGen;

// monitor-trafficgen STREAM [--seed N] [--rate R] [--start T] [--hours H] [--onset T] [--flat] [--out FILE[.gz]]
// Writes generated checkout and submit-order outcomes as ingest NDJSON to FILE or standard output.
if (args.Length == 0 || !Enum.TryParse<TrafficStream>(args[0], ignoreCase: true, out var stream))
{
    await Console.Error.WriteLineAsync($"usage: monitor-trafficgen {string.Join('|', Enum.GetNames<TrafficStream>()).ToLowerInvariant()} [--seed N] [--rate CHECKOUTS_PER_S] [--start T] [--hours H] [--onset T] [--flat] [--out FILE[.gz]]");
    return 2;
}

var profile = new TrafficProfile(stream);
string? outPath = null;
for (var i = 1; i < args.Length; i += 2)
{
    if (args[i] == "--flat")
    {
        profile = profile with { Flat = true };
        i--;
        continue;
    }

    if (i + 1 >= args.Length)
    {
        throw new ArgumentException($"{args[i]} needs a value");
    }

    var value = args[i + 1];
    var inv = CultureInfo.InvariantCulture;
    profile = args[i] switch
    {
        "--seed" => profile with { Seed = int.Parse(value, inv) },
        "--rate" => profile with { Rate = double.Parse(value, inv) },
        "--start" => profile with { Start = DateTimeOffset.Parse(value, inv) },
        "--hours" => profile with { Length = TimeSpan.FromHours(double.Parse(value, inv)) },
        "--onset" => profile with { Onset = DateTimeOffset.Parse(value, inv) },
        "--out" => profile,
        _ => throw new ArgumentException($"unknown option {args[i]}"),
    };
    outPath = args[i] == "--out" ? value : outPath;
}

await using var target = outPath is null ? Console.OpenStandardOutput() : File.Create(outPath);
await using var compressed = outPath?.EndsWith(".gz", StringComparison.Ordinal) == true
    ? new GZipStream(target, CompressionLevel.Fastest, leaveOpen: true)
    : null;
await using var buffered = new BufferedStream(compressed ?? target, 1 << 20);
var lines = new TrafficGenerator(profile).Write(buffered);
await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"monitor-trafficgen: {lines} lines, {stream.ToString().ToLowerInvariant()}, seed {profile.Seed}"));
return 0;
