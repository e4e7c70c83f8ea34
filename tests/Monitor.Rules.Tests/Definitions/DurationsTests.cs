using Monitor.Rules.Definitions;

namespace Monitor.Rules.Tests.Definitions;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("500ms", 0, 0, 0, 500)]
    [InlineData("30s", 0, 0, 30, 0)]
    [InlineData("5m", 0, 5, 0, 0)]
    [InlineData("1h30m", 1, 30, 0, 0)]
    [InlineData("3d", 72, 0, 0, 0)]
    [InlineData("1.5h", 1, 30, 0, 0)]
    [InlineData("00:05:00", 0, 5, 0, 0)]
    [InlineData("0s", 0, 0, 0, 0)]
    public void TryParse_ValidText_Parses(string text, int hours, int minutes, int seconds, int milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(new TimeSpan(0, hours, minutes, seconds, milliseconds), value);
    }

    [Theory]
    [InlineData("5x")]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("5")]
    [InlineData("-5m")]
    [InlineData("-00:01:00")]
    public void TryParse_InvalidText_Fails(string text) => Assert.False(Durations.TryParse(text, out _));

    [Theory]
    [InlineData("1h30m")]
    [InlineData("3d")]
    [InlineData("0s")]
    [InlineData("1m500ms")]
    public void Format_ParsedValue_RoundTrips(string text) => Assert.Equal(text, Durations.Format(Durations.Parse(text)));
}
