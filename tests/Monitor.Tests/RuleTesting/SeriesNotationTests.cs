using Monitor.RuleTesting;

namespace Monitor.Tests.RuleTesting;

public sealed class SeriesNotationTests
{
    [Theory]
    [InlineData("1 2 3", new[] { 1.0, 2, 3 })]
    [InlineData("0+1x3", new[] { 0.0, 1, 2, 3 })]
    [InlineData("10-2x2", new[] { 10.0, 8, 6 })]
    [InlineData("5x2", new[] { 5.0, 5, 5 })]
    [InlineData("1.5 -1", new[] { 1.5, -1 })]
    public void Expand_Notation_GivesValues(string text, double[] expected) =>
        Assert.Equal(expected.Select(v => (double?)v), SeriesNotation.Expand(text));

    [Fact]
    public void Expand_Blanks_GiveMissingSteps() =>
        Assert.Equal([null, null, 1.0, null], SeriesNotation.Expand("_x2 1 _"));

    [Theory]
    [InlineData("abc")]
    [InlineData("1+1")]
    [InlineData("1xz")]
    public void Expand_BadToken_Throws(string text) => Assert.Throws<FormatException>(() => SeriesNotation.Expand(text));
}
