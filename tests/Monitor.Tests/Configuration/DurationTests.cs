using Monitor.Configuration;

namespace Monitor.Tests.Configuration;

public sealed class DurationTests
{
    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("3d", 259200)]
    [InlineData("1w", 604800)]
    [InlineData("0", 0)]
    [InlineData("1.5s", 1.5)]
    public void TryParse_ValidText_GivesSeconds(string text, double seconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(seconds, value.TotalSeconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5m")]
    [InlineData("5")]
    [InlineData("5 m")]
    [InlineData("5mx")]
    [InlineData("00:05:00")]
    public void TryParse_InvalidText_Fails(string text) => Assert.False(Duration.TryParse(text, out _));

    [Theory]
    [InlineData(5400, "1h30m")]
    [InlineData(0.25, "250ms")]
    [InlineData(0, "0s")]
    public void Format_Span_RoundTrips(double seconds, string text)
    {
        Assert.Equal(text, Duration.Format(TimeSpan.FromSeconds(seconds)));
        Assert.True(Duration.TryParse(text, out var back));
        Assert.Equal(seconds, back.TotalSeconds);
    }
}
