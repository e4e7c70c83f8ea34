using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Configuration;

/// <summary>Durations as written in the config file: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>3d</c>, <c>1w</c>.</summary>
internal static partial class Duration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed == "0")
        {
            return true;
        }

        var matches = Part().Matches(trimmed);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != trimmed)
        {
            return false;
        }

        var ticks = 0d;
        foreach (Match match in matches)
        {
            var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            ticks += number * match.Groups[2].Value switch
            {
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                "d" => TimeSpan.TicksPerDay,
                _ => TimeSpan.TicksPerDay * 7,
            };
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>Parses a duration already checked by validation.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a duration (examples: 500ms, 30s, 5m, 1h30m, 3d).");

    /// <summary>Parses an optional duration already checked by validation.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static TimeSpan? ParseOptional(string? text) => string.IsNullOrWhiteSpace(text) ? null : Parse(text);

    /// <summary>The shortest config spelling of a duration, for messages.</summary>
    public static string Format(TimeSpan span)
    {
        if (span == TimeSpan.Zero)
        {
            return "0s";
        }

        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add($"{span.Days}d");
        }

        if (span.Hours > 0)
        {
            parts.Add($"{span.Hours}h");
        }

        if (span.Minutes > 0)
        {
            parts.Add($"{span.Minutes}m");
        }

        if (span.Seconds > 0)
        {
            parts.Add($"{span.Seconds}s");
        }

        if (span.Milliseconds > 0)
        {
            parts.Add($"{span.Milliseconds}ms");
        }

        return string.Concat(parts);
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h|d|w)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
