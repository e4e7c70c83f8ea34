using System.Globalization;
using System.Text;
using Monitor.Metrics;

namespace Monitor.Web;

/// <summary>
/// Small inline SVG charts, one x unit per minute, drawn on the server so the page needs no script
/// and no external asset. Minutes with no data are left blank rather than drawn as zero.
/// </summary>
internal static class SvgChart
{
    private const int Height = 40;
    private const int Plot = 34;

    /// <summary>Per-minute error ratio as bars: a grey tick where there was data, a red bar as tall as the ratio.</summary>
    public static string ErrorRatio(IReadOnlyList<MinutePoint> points, DateTimeOffset now, TimeSpan span, string label)
    {
        var (width, first) = Frame(now, span);
        var svg = Open("chart error-ratio", width, first, label);
        foreach (var point in points)
        {
            var x = X(point, first);
            if (x < 0 || x >= width)
            {
                continue;
            }

            // Two units wide (one minute each side of the left edge) so that a single bad minute is visible at a glance.
            var left = Math.Max(0, x - 1);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"seen\" x=\"{left}\" y=\"{Plot + 2}\" width=\"2\" height=\"3\"/>");
            if (point.Failures > 0)
            {
                var h = Math.Max(1.5, point.ErrorRatio * Plot);
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bad\" x=\"{left}\" y=\"{F(Plot - h)}\" width=\"2\" height=\"{F(h)}\"><title>{Minute(point)}: {point.Failures}/{point.Samples} failed</title></rect>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"0\" y1=\"{Plot}\" x2=\"{width}\" y2=\"{Plot}\"/>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Per-minute mean latency as a line (broken where minutes are missing), scaled to the largest value shown.</summary>
    public static string Latency(IReadOnlyList<MinutePoint> points, DateTimeOffset now, TimeSpan span, string label)
    {
        var (width, first) = Frame(now, span);
        var svg = Open("chart latency", width, first, label);
        var shown = points.Where(p => X(p, first) is var x && x >= 0 && x < width).ToList();
        var max = shown.Count == 0 ? 0 : shown.Max(p => p.MeanLatencySeconds);
        if (max > 0)
        {
            var run = new List<string>();
            var previous = long.MinValue;
            foreach (var point in shown)
            {
                var x = X(point, first);
                if (x != previous + 1)
                {
                    Flush(svg, run);
                }

                run.Add(string.Create(CultureInfo.InvariantCulture, $"{x + 0.5},{F(Plot - (point.MeanLatencySeconds / max * (Plot - 4)))}"));
                previous = x;
            }

            Flush(svg, run);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"9\">max {Seconds(max)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"0\" y1=\"{Plot}\" x2=\"{width}\" y2=\"{Plot}\"/>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A latency in the unit a person reads best: ms below a second.</summary>
    public static string Seconds(double seconds) => seconds < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:0.#} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds:0.##} s");

    private static (int Width, long FirstMinute) Frame(DateTimeOffset now, TimeSpan span)
    {
        var width = Math.Max(1, (int)Math.Ceiling(span.TotalMinutes));
        return (width, (now.ToUnixTimeSeconds() / 60) - width + 1);
    }

    private static long X(MinutePoint point, long firstMinute) => (point.Minute.ToUnixTimeSeconds() / 60) - firstMinute;

    private static StringBuilder Open(string cssClass, int width, long firstMinute, string label)
    {
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"<svg class=\"{cssClass}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{Height}\" viewBox=\"0 0 {width} {Height}\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(label)}\"><title>{System.Net.WebUtility.HtmlEncode(label)}</title>");

        // A faint line at each full hour, so a bar can be placed in time without an axis.
        for (var x = (60 - (firstMinute % 60)) % 60; x < width; x += 60)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{Plot}\"/>");
        }

        return svg;
    }

    private static void Flush(StringBuilder svg, List<string> run)
    {
        if (run.Count == 1)
        {
            var xy = run[0].Split(',');
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"1.2\"/>");
        }
        else if (run.Count > 1)
        {
            svg.Append("<polyline points=\"").AppendJoin(' ', run).Append("\"/>");
        }

        run.Clear();
    }

    private static string Minute(MinutePoint point) => point.Minute.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
