using System.Globalization;

namespace Monitor.RuleTesting;

/// <summary>
/// The compact series notation of <c>promtool test rules</c>: values separated by spaces, where
/// <c>a+bxn</c> expands to the n+1 values a, a+b, ..., a+nb (<c>a-bxn</c> counts down, <c>axn</c>
/// repeats a n+1 times), <c>_</c> is a step with no value and <c>_xn</c> is n such steps.
/// </summary>
internal static class SeriesNotation
{
    public static IReadOnlyList<double?> Expand(string? text)
    {
        var values = new List<double?>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return values;
        }

        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ExpandToken(token, values);
        }

        return values;
    }

    private static void ExpandToken(string token, List<double?> values)
    {
        var times = token.IndexOf('x', StringComparison.Ordinal);
        var head = times < 0 ? token : token[..times];
        var count = times < 0 ? 0 : ParseCount(token, token[(times + 1)..]);
        if (head == "_")
        {
            values.AddRange(Enumerable.Repeat<double?>(null, Math.Max(1, count)));
            return;
        }

        var sign = head.IndexOfAny(['+', '-'], 1);
        var start = ParseNumber(token, sign < 0 ? head : head[..sign]);
        var step = sign < 0 ? 0 : ParseNumber(token, head[sign..]);
        if (times < 0 && sign >= 0)
        {
            throw new FormatException($"'{token}': a step needs a count, as in '{head}x10'");
        }

        for (var i = 0; i <= count; i++)
        {
            values.Add(start + (i * step));
        }
    }

    private static int ParseCount(string token, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= 1_000_000
            ? count
            : throw new FormatException($"'{token}': '{text}' is not a repeat count");

    private static double ParseNumber(string token, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{token}': '{text}' is not a number");
}
