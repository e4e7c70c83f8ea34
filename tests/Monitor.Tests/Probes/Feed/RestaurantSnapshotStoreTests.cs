using Monitor.Probes.Feed.Validation;

namespace Monitor.Tests.Probes.Feed;

public sealed class RestaurantSnapshotStoreTests
{
    [Fact]
    public async Task CompareAndSaveAsync_SecondRunMissingRestaurants_CountsThem()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "feeds", "main.restaurants");
        var first = Enumerable.Range(1, 10_000).Select(i => IdHash.Of(System.Text.Encoding.UTF8.GetBytes($"r{i}"))).ToArray();
        var second = first.Where((_, i) => i % 10 != 0).Append(IdHash.Of("new"u8)).ToArray();

        var none = await RestaurantSnapshotStore.CompareAndSaveAsync(path, first, default);
        var dropped = await RestaurantSnapshotStore.CompareAndSaveAsync(path, second, default);
        var same = await RestaurantSnapshotStore.CompareAndSaveAsync(path, second.Reverse().ToArray(), default);

        Assert.Null(none);
        Assert.Equal(1000, dropped);
        Assert.Equal(0, same);
        Assert.Equal(second.Length * 8, new FileInfo(path).Length);
    }

    [Fact]
    public async Task ValidateAsync_WithSnapshotPath_ReportsRestaurantsThatVanished()
    {
        using var dir = new TempFolder();
        var settings = new FeedValidationSettings { RestaurantSnapshotPath = Path.Combine(dir.Path, "r.bin") };

        var first = await TestFeeds.ValidateAsync(TestFeeds.ValidLines(5), settings);
        var second = await TestFeeds.ValidateAsync(TestFeeds.ValidLines(3), settings);

        Assert.Null(first.RestaurantsDropped);
        Assert.Equal(2, second.RestaurantsDropped);
    }

    [Fact]
    public async Task ValidateAsync_SnapshotFolderUnwritable_ValidatesAndNotesIt()
    {
        using var dir = new TempFolder();
        var blocker = dir.Write("not-a-folder", "x");
        var settings = new FeedValidationSettings { RestaurantSnapshotPath = Path.Combine(blocker, "r.bin") };

        var report = await TestFeeds.ValidateAsync(TestFeeds.ValidLines(2), settings);

        Assert.Equal(22, report.Entities);
        Assert.Null(report.RestaurantsDropped);
        Assert.Contains("restaurant ids not compared or kept", Assert.Single(report.Notes), StringComparison.Ordinal);
    }
}
