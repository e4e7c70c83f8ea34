using System.Diagnostics.CodeAnalysis;
using Monitor.Rules.Definitions;

namespace Monitor.Configuration;

/// <summary>
/// Durations as written in the config file: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>3d</c>, <c>1w</c>,
/// or a bare <c>0</c>. The parsing is <see cref="Durations"/>'; the config file takes only the unit form,
/// not .NET's <c>00:05:00</c>, so that every duration in it reads the same way.
/// </summary>
internal static class Duration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text) || text.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        return text.Trim() == "0" || Durations.TryParse(text, out value);
    }

    /// <summary>Parses a duration already checked by validation.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a duration (examples: 500ms, 30s, 5m, 1h30m, 3d).");

    /// <summary>Parses an optional duration already checked by validation.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static TimeSpan? ParseOptional(string? text) => string.IsNullOrWhiteSpace(text) ? null : Parse(text);

    /// <summary>The shortest config spelling of a duration, for messages.</summary>
    public static string Format(TimeSpan span) => Durations.Format(span);
}
