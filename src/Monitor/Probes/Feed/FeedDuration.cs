using System.Globalization;

namespace Monitor.Probes.Feed;

/// <summary>Reads the short durations feed options use (<c>90s</c>, <c>15m</c>, <c>26h</c>, <c>3d</c>, or <c>hh:mm:ss</c>).</summary>
internal static class FeedDuration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var unit = s[^1];
        if (char.IsAsciiDigit(unit))
        {
            return TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out value) && value > TimeSpan.Zero;
        }

        if (!double.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return false;
        }

        value = unit switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => TimeSpan.Zero,
        };
        return value > TimeSpan.Zero;
    }

    public static TimeSpan ParseOr(string? text, TimeSpan fallback) => TryParse(text, out var v) ? v : fallback;
}
