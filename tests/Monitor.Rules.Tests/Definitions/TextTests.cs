using Monitor.Rules.Definitions;

namespace Monitor.Rules.Tests.Definitions;

public sealed class TextTests
{
    [Theory]
    [InlineData(300, "5m")]
    [InlineData(93_600, "26h")]
    [InlineData(259_200, "3d")]
    [InlineData(90, "1m 30s")]
    [InlineData(3_607, "1h")]
    [InlineData(3_660, "61m")]
    [InlineData(9_000, "2h 30m")]
    [InlineData(95_400, "1d 2h")]
    [InlineData(183_845, "2d 3h")]
    [InlineData(1.5, "1.5s")]
    [InlineData(0.25, "250ms")]
    public void Span_Seconds_ReadsInItsLargestUnits(double seconds, string expected) =>
        Assert.Equal(expected, Text.Span(TimeSpan.FromSeconds(seconds)));
}
