using Monitor.Probes.Feed.Validation;

namespace Monitor.Tests.Probes.Feed;

public sealed class LongHashSetTests
{
    [Fact]
    public void Add_ManyHashesThroughGrowth_KeepsEachOnce()
    {
        var set = new LongHashSet(4);
        var hashes = Enumerable.Range(0, 100_000).Select(i => IdHash.Of(BitConverter.GetBytes(i))).ToArray();

        var firstAdds = hashes.Count(set.Add);
        var secondAdds = hashes.Count(set.Add);

        Assert.Equal((100_000, 0, 100_000), (firstAdds, secondAdds, set.Count));
        Assert.All(hashes, h => Assert.True(set.Contains(h)));
        Assert.False(set.Contains(IdHash.Of("absent"u8)));
    }

    [Fact]
    public void IdHash_SameBytes_SameHashAcrossCalls()
    {
        Assert.Equal(IdHash.Of("restaurant-1"u8), IdHash.Of("restaurant-1"u8));
        Assert.NotEqual(IdHash.Of("restaurant-1"u8), IdHash.Of("restaurant-2"u8));
        Assert.NotEqual(0UL, IdHash.Of([]));
    }
}
