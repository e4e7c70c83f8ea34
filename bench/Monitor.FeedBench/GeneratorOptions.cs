using System.Globalization;

namespace Monitor.FeedBench;

/// <summary>What the generator writes; parsed from <c>--name value</c> pairs.</summary>
internal sealed record GeneratorOptions
{
    /// <summary>Output file. Default <c>feed.ndjson</c>.</summary>
    public string Output { get; init; } = "feed.ndjson";

    /// <summary>Stop after the restaurant that takes the file past this size, in MB (10^6 bytes). Default 10.</summary>
    public double SizeMb { get; init; } = 10;

    /// <summary>Stop after this many restaurants instead, when set.</summary>
    public int? Restaurants { get; init; }

    /// <summary>Share of entities given one defect (0..1). Default 0.</summary>
    public double DefectShare { get; init; }

    /// <summary>Share of entities whose <c>dateModified</c> is five days old (0..1). Default 0.</summary>
    public double StaleShare { get; init; }

    /// <summary>Random seed; the same seed and options give the same bytes. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The "now" the dates are relative to. Default: 2026-01-01T00:00:00Z, so output does not depend on the clock.</summary>
    public DateTimeOffset Now { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static GeneratorOptions Parse(string[] args)
    {
        var o = new GeneratorOptions();
        var c = CultureInfo.InvariantCulture;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            o = args[i] switch
            {
                "--out" => o with { Output = v },
                "--size-mb" => o with { SizeMb = double.Parse(v, c) },
                "--restaurants" => o with { Restaurants = int.Parse(v, c) },
                "--defects" => o with { DefectShare = double.Parse(v, c) },
                "--stale" => o with { StaleShare = double.Parse(v, c) },
                "--seed" => o with { Seed = int.Parse(v, c) },
                "--now" => o with { Now = DateTimeOffset.Parse(v, c) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return o;
    }
}
