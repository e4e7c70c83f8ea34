using Monitor.Alerting;

namespace Monitor.Tests.Alerting;

public sealed class FailureSamplesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    private static FailureSample Sample(string signal, int second) =>
        new(Start.AddSeconds(second), signal, "status", null, "r" + second, 12, "HTTP 500");

    [Fact]
    public void Add_MoreThanPerSignal_KeepsTheLatestOnly()
    {
        var samples = new FailureSamples();
        for (var i = 0; i < 25; i++)
        {
            samples.Add(Sample("checkout", i));
        }

        var kept = samples.For("checkout", Start, Start.AddHours(1));

        Assert.Equal(FailureSamples.PerSignal, kept.Count);
        Assert.Equal(Start.AddSeconds(15), kept[0].At);
        Assert.Equal(Start.AddSeconds(24), kept[^1].At);
    }

    [Fact]
    public void For_TimeRange_LeavesOutSamplesOutsideIt()
    {
        var samples = new FailureSamples();
        samples.Add(Sample("checkout", 0));
        samples.Add(Sample("checkout", 60));
        samples.Add(Sample("submit_order", 30));

        var kept = samples.For("checkout", Start.AddSeconds(30), Start.AddSeconds(90));

        Assert.Equal("r60", Assert.Single(kept).RestaurantId);
    }

    [Fact]
    public void Add_BeyondMaxSignals_IgnoresNewSignals()
    {
        var samples = new FailureSamples();
        for (var i = 0; i <= FailureSamples.MaxSignals; i++)
        {
            samples.Add(Sample("signal-" + i, 0));
        }

        Assert.Empty(samples.For("signal-" + FailureSamples.MaxSignals, Start, Start));
        Assert.Single(samples.For("signal-0", Start, Start));
    }
}
