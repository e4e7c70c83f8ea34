using Monitor.Rules.Windows;

namespace Monitor.Rules.Tests.Windows;

public sealed class LatencyBucketsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(37)]
    [InlineData(250)]
    [InlineData(1900)]
    [InlineData(60000)]
    public void IndexOf_AnyLatency_FallsInsideItsBucketBounds(int milliseconds)
    {
        var ticks = TimeSpan.FromMilliseconds(milliseconds).Ticks;
        var index = LatencyBuckets.IndexOf(TimeSpan.FromTicks(ticks));

        Assert.InRange(ticks, LatencyBuckets.LowerBound(index), LatencyBuckets.LowerBound(index + 1) - 1);
    }

    [Fact]
    public void IndexOf_Extremes_UseUnderAndOverflowBuckets()
    {
        Assert.Equal(0, LatencyBuckets.IndexOf(TimeSpan.FromMicroseconds(10)));
        Assert.Equal(LatencyBuckets.Count - 1, LatencyBuckets.IndexOf(TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Quantile_Empty_IsZero() => Assert.Equal(TimeSpan.Zero, LatencyBuckets.Quantile(new long[LatencyBuckets.Count], 0.99));

    [Fact]
    public void Quantile_UniformLatencies_WithinBucketError()
    {
        var counts = new long[LatencyBuckets.Count];
        for (var ms = 1; ms <= 1000; ms++)
        {
            counts[LatencyBuckets.IndexOf(TimeSpan.FromMilliseconds(ms))]++;
        }

        foreach (var (q, expected) in new[] { (0.5, 500.0), (0.95, 950.0), (0.99, 990.0) })
        {
            var value = LatencyBuckets.Quantile(counts, q).TotalMilliseconds;
            Assert.InRange(value, expected * 0.81, expected * 1.19);
        }
    }
}
