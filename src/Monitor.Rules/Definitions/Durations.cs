using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Monitor.Rules.Definitions;

/// <summary>
/// Durations as written in configuration: Prometheus style (<c>500ms</c>, <c>30s</c>, <c>5m</c>,
/// <c>1h30m</c>, <c>3d</c>, <c>1w</c>) or a .NET time span (<c>00:05:00</c>).
/// </summary>
public static class Durations
{
    /// <summary>Parses a duration; false for anything else, including negative values.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
        }

        var span = text.AsSpan();
        var total = 0.0;
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '.'))
            {
                digits++;
            }

            var letters = digits;
            while (letters < span.Length && char.IsAsciiLetter(span[letters]))
            {
                letters++;
            }

            if (digits == 0 || letters == digits
                || !double.TryParse(span[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                || UnitMilliseconds(span[digits..letters]) is not { } unit)
            {
                return false;
            }

            total += number * unit;
            span = span[letters..];
        }

        if (total > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(total);
        return true;
    }

    /// <summary>Parses a duration or throws <see cref="FormatException"/>.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a duration.");

    /// <summary>A short form such as <c>5m</c> or <c>1h30m</c>, readable back by <see cref="TryParse"/>.</summary>
    [SuppressMessage("Globalization", "CA1305", Justification = "Integers only; the output is invariant.")]
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = "";
        foreach (var (unit, ms) in new[] { ("d", 86_400_000L), ("h", 3_600_000L), ("m", 60_000L), ("s", 1000L), ("ms", 1L) })
        {
            var count = (long)value.TotalMilliseconds / ms;
            if (count > 0)
            {
                text += count + unit;
                value -= TimeSpan.FromMilliseconds(count * ms);
            }
        }

        return text;
    }

    private static double? UnitMilliseconds(ReadOnlySpan<char> unit) => unit switch
    {
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        "w" => 604_800_000,
        _ => null,
    };
}
