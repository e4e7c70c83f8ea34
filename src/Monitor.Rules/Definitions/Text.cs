using System.Globalization;

namespace Monitor.Rules.Definitions;

/// <summary>Formatting shared by the conditions' one-line descriptions (invariant culture: they go into emails and logs).</summary>
internal static class Text
{
    public static string Percent(double ratio) => ratio.ToString("0.##%", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// A span in its largest whole unit (<c>5m</c>, <c>26h</c>, <c>3d</c>); from a minute up, a span that is not a
    /// whole number of one unit reads as its largest unit and the next one, the rest cut (<c>1m 30s</c>, <c>2d 3h</c>,
    /// <c>1h</c> for an hour and 7 seconds); below a minute, seconds or milliseconds.
    /// </summary>
    public static string Span(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays == Math.Floor(span.TotalDays) => Invariant($"{span.TotalDays:0}d"),
        { TotalHours: >= 1 } when span.TotalHours == Math.Floor(span.TotalHours) => Invariant($"{span.TotalHours:0}h"),
        { TotalMinutes: >= 1 and < 100 } when span.TotalMinutes == Math.Floor(span.TotalMinutes) => Invariant($"{span.TotalMinutes:0}m"),
        { TotalMinutes: >= 1 } => TwoParts(span),
        { TotalSeconds: >= 1 } => Invariant($"{span.TotalSeconds:0.###}s"),
        _ => Invariant($"{span.TotalMilliseconds:0.###}ms"),
    };

    private static string TwoParts(TimeSpan span)
    {
        var whole = TimeSpan.FromSeconds(Math.Round(span.TotalSeconds));
        (long Value, string Unit)[] parts = [((long)whole.TotalDays, "d"), (whole.Hours, "h"), (whole.Minutes, "m"), (whole.Seconds, "s")];
        var first = Array.FindIndex(parts, p => p.Value != 0);
        var text = Invariant($"{parts[first].Value}{parts[first].Unit}");
        return first + 1 < parts.Length && parts[first + 1].Value != 0
            ? Invariant($"{text} {parts[first + 1].Value}{parts[first + 1].Unit}")
            : text;
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
