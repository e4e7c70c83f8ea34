using Monitor.Rules.Windows;

namespace Monitor.Rules.Tests.Windows;

public sealed class RestaurantTrackerTests
{
    private static void Add(RestaurantTracker tracker, string id, long at) => tracker.Add(id, StableHash.Of(id), at);

    [Fact]
    public void Count_Empty_IsZero() => Assert.Equal(0, new RestaurantTracker(100).Count(0, 0));

    [Fact]
    public void Count_RepeatedRestaurant_CountsOnce()
    {
        var tracker = new RestaurantTracker(100);
        Add(tracker, "r1", 1);
        Add(tracker, "r1", 2);
        Add(tracker, "r2", 2);

        Assert.Equal(2, tracker.Count(0, 2));
        Assert.Equal(2, tracker.Count(2, 2));
        Assert.Equal(0, tracker.Count(3, 3));
    }

    [Fact]
    public void Count_ManyOverTimeButFewAtOnce_StaysExact()
    {
        var tracker = new RestaurantTracker(horizon: 10);
        for (var t = 0; t < 1000; t++)
        {
            Add(tracker, "r" + t, t); // one new restaurant per step: at most 11 within the horizon
        }

        Assert.Equal(10, tracker.Count(990, 999));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(1000)]
    [InlineData(3000)]
    public void Count_BeyondExactLimit_EstimatesWithinDocumentedError(int restaurants)
    {
        var tracker = new RestaurantTracker(horizon: 100);
        for (var i = 0; i < restaurants; i++)
        {
            Add(tracker, "restaurant-" + i, 5);
        }

        Assert.InRange(tracker.Count(0, 5), restaurants * 0.85, restaurants * 1.15);
    }

    [Fact]
    public void Sample_ReturnsRecentRestaurantsOnce()
    {
        var tracker = new RestaurantTracker(100);
        Add(tracker, "a", 1);
        Add(tracker, "b", 2);
        Add(tracker, "a", 3);

        Assert.Equal(["b", "a"], tracker.Sample(0, 10));
    }

    [Fact]
    public void Count_AfterOverflowLeavesHorizon_IsExactAgain()
    {
        var tracker = new RestaurantTracker(horizon: 10);
        for (var i = 0; i < 300; i++)
        {
            Add(tracker, "a" + i, 0);
        }

        Add(tracker, "x", 100);
        Add(tracker, "y", 100);
        Add(tracker, "y", 101);

        Assert.Equal(2, tracker.Count(95, 101));
        Assert.Equal(["y", "x"], tracker.Sample(95, 10));
    }

    [Theory]
    [InlineData(50)]
    [InlineData(1000)]
    public void Restore_FromSnapshot_CountsTheSame(int restaurants)
    {
        var tracker = new RestaurantTracker(horizon: 100);
        for (var i = 0; i < restaurants; i++)
        {
            Add(tracker, "restaurant-" + i, i % 50);
        }

        var restored = new RestaurantTracker(horizon: 100);
        restored.Restore(tracker.ToSnapshot());
        Add(tracker, "late", 60);
        Add(restored, "late", 60);

        Assert.Equal(tracker.Count(10, 60), restored.Count(10, 60));
        Assert.Equal(tracker.Sample(0, 5), restored.Sample(0, 5));
    }
}
