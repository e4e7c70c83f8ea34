using System.Xml.Linq;
using Monitor.Metrics;
using Monitor.Web;

namespace Monitor.Tests.Web;

public sealed class SvgChartTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 30, TimeSpan.Zero);
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void ErrorRatio_HalfFailedMinute_DrawsBarHalfThePlotAtThatMinute()
    {
        var minute = new DateTimeOffset(2026, 11, 28, 11, 0, 0, TimeSpan.Zero);
        var points = new[] { new MinutePoint(minute, 4, 2, 0.4, 0.2), new MinutePoint(minute.AddMinutes(1), 4, 0, 0.4, 0.2) };

        var svg = XElement.Parse(SvgChart.ErrorRatio(points, Now, TimeSpan.FromHours(6), "checkout <errors>"));

        var bad = Assert.Single(svg.Elements(Svg + "rect"), r => (string?)r.Attribute("class") == "bad");
        // 11:00 is minute 299 of the six hours ending 12:00; bars start one unit left so they are two units wide.
        Assert.Equal("298", (string?)bad.Attribute("x"));
        Assert.Equal("2", (string?)bad.Attribute("width"));
        Assert.Equal("17", (string?)bad.Attribute("height"));
        Assert.Equal(2, svg.Elements(Svg + "rect").Count(r => (string?)r.Attribute("class") == "seen"));
        Assert.Equal("checkout <errors>", (string?)svg.Attribute("aria-label"));
    }

    [Fact]
    public void Latency_GapBetweenMinutes_BreaksTheLineAndLabelsTheMaximum()
    {
        var minute = new DateTimeOffset(2026, 11, 28, 11, 0, 0, TimeSpan.Zero);
        var points = new[]
        {
            new MinutePoint(minute, 1, 0, 0.1, 0.1),
            new MinutePoint(minute.AddMinutes(1), 1, 0, 0.2, 0.2),
            new MinutePoint(minute.AddMinutes(5), 1, 0, 0.05, 0.05),
        };

        var svg = XElement.Parse(SvgChart.Latency(points, Now, TimeSpan.FromHours(6), "latency"));

        Assert.Single(svg.Elements(Svg + "polyline"));
        Assert.Single(svg.Elements(Svg + "circle"));
        Assert.Equal("max 200 ms", svg.Element(Svg + "text")?.Value);
    }

    [Fact]
    public void Latency_NoData_DrawsOnlyTheAxis()
    {
        var svg = XElement.Parse(SvgChart.Latency([], Now, TimeSpan.FromHours(6), "latency"));

        Assert.Empty(svg.Elements(Svg + "polyline"));
        Assert.Single(svg.Elements(Svg + "line"), l => (string?)l.Attribute("class") == "axis");
        Assert.Equal(6, svg.Elements(Svg + "line").Count(l => (string?)l.Attribute("class") == "grid"));
    }
}
