using System.Globalization;

namespace Monitor.Tests.Metrics;

/// <summary>One sample line of the Prometheus text format.</summary>
internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public override string ToString() =>
        Name + "{" + string.Join(",", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) + "} "
        + Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A small reader of the text exposition format: enough for the plain label values the daemon writes.</summary>
internal static class Exposition
{
    public static IReadOnlyList<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            string name;
            string rest;
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (brace >= 0 && brace < space)
            {
                name = line[..brace];
                var close = line.IndexOf('}', brace);
                foreach (var pair in line[(brace + 1)..close].Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    labels[pair[..eq]] = pair[(eq + 2)..^1];
                }

                rest = line[(close + 1)..].Trim();
            }
            else
            {
                name = line[..space];
                rest = line[space..].Trim();
            }

            var value = rest.Split(' ')[0];
            samples.Add(new Sample(name, labels, value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(value, CultureInfo.InvariantCulture),
            }));
        }

        return samples;
    }

    /// <summary>The series of one metric name, as sorted <c>name{labels} value</c> lines.</summary>
    public static IReadOnlyList<string> Series(this IReadOnlyList<Sample> samples, string name) =>
        [.. samples.Where(s => s.Name == name).Select(s => s.ToString()).Order(StringComparer.Ordinal)];
}
