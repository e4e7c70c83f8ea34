using Monitor.Rules.Windows;

namespace Monitor.Rules.Tests.Windows;

public sealed class BucketRingTests
{
    private const long Width = 10;

    private static BucketRing Create() => new(Width, count: 4, channels: 2);

    [Fact]
    public void Sum_EmptyRing_IsZero() => Assert.Equal(0, Create().Sum(0, 100, 0));

    [Fact]
    public void Acquire_SameBucketTwice_Accumulates()
    {
        var ring = Create();
        ring.Increment(ring.Acquire(7 * Width), 0);
        ring.Increment(ring.Acquire((7 * Width) + 9), 0);

        Assert.Equal(2, ring.Sum(7, 7, 0));
    }

    [Fact]
    public void Acquire_AfterAWholeRing_ReusesSlotAndForgetsOldBucket()
    {
        var ring = Create();
        ring.Add(ring.Acquire(1 * Width), 0, 5);
        ring.Add(ring.Acquire(5 * Width), 0, 1); // same slot, four buckets later

        Assert.Equal(1, ring.Sum(1, 5, 0));
    }

    [Fact]
    public void Acquire_OlderThanSlotContent_IsRejected()
    {
        var ring = Create();
        ring.Acquire(9 * Width);

        Assert.Equal(-1, ring.Acquire(5 * Width));
    }

    [Fact]
    public void Sum_RangeLongerThanRing_ReadsOnlyWhatRingHolds()
    {
        var ring = Create();
        for (var i = 0; i < 10; i++)
        {
            ring.Increment(ring.Acquire(i * Width), 0);
        }

        Assert.Equal(4, ring.Sum(0, 9, 0));
    }
}
