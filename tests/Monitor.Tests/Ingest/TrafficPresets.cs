using Microsoft.Extensions.Configuration;

namespace Monitor.Tests.Ingest;

/// <summary>The shipped <c>config/traffic/rules.yaml</c>, as config overrides under <c>monitor:rules</c>.</summary>
internal static class TrafficPresets
{
    public static string FilePath
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "config", "traffic", "rules.yaml");
                if (File.Exists(Path.Combine(directory.FullName, "Monitor.sln")) && File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("config/traffic/rules.yaml not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The presets as <c>monitor:rules:N:...</c> keys, then <paramref name="extra"/> rules after them.</summary>
    public static List<KeyValuePair<string, string?>> AsOverrides(params Dictionary<string, string>[] extra)
    {
        var presets = new ConfigurationBuilder().AddYamlFile(FilePath).Build();
        var list = presets.AsEnumerable()
            .Where(p => p.Value is not null && p.Key.StartsWith("rules:", StringComparison.Ordinal))
            .Select(p => new KeyValuePair<string, string?>("monitor:" + p.Key, p.Value))
            .ToList();
        var count = presets.GetSection("rules").GetChildren().Count();
        for (var i = 0; i < extra.Length; i++)
        {
            list.AddRange(extra[i].Select(p => new KeyValuePair<string, string?>($"monitor:rules:{count + i}:{p.Key}", p.Value)));
        }

        return list;
    }
}
