using System.Globalization;

namespace Monitor.Rules.Definitions;

/// <summary>Formatting shared by the conditions' one-line descriptions (invariant culture: they go into emails and logs).</summary>
internal static class Text
{
    public static string Percent(double ratio) => ratio.ToString("0.##%", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Span(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays == Math.Floor(span.TotalDays) => Invariant($"{span.TotalDays:0}d"),
        { TotalHours: >= 1 } when span.TotalHours == Math.Floor(span.TotalHours) => Invariant($"{span.TotalHours:0}h"),
        { TotalMinutes: >= 1 } when span.TotalMinutes == Math.Floor(span.TotalMinutes) => Invariant($"{span.TotalMinutes:0}m"),
        { TotalSeconds: >= 1 } => Invariant($"{span.TotalSeconds:0.###}s"),
        _ => Invariant($"{span.TotalMilliseconds:0.###}ms"),
    };

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
