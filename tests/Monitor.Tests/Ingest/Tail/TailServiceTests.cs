using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Ingest;
using Monitor.Ingest.Tail;

namespace Monitor.Tests.Ingest.Tail;

public sealed class TailServiceTests
{
    [Fact]
    public async Task Execute_ClockPassesThePollInterval_NewLinesRecorded()
    {
        using var fixture = new TailFixture();
        var options = new IngestOptions { Tail = { PollInterval = "5s" } };
        using var service = new TailService(fixture.Tailer(), options, fixture.Time, NullLogger<TailService>.Instance);
        fixture.Append(TailFixture.Line("a0"));
        await service.StartAsync(CancellationToken.None);
        await WaitUntil(() => fixture.Recorded.Count == 1);

        fixture.Append(TailFixture.Lines("a", 1, 3));
        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        await WaitUntil(() => fixture.Recorded.Count == 4);

        await service.StopAsync(CancellationToken.None);
        Assert.Equal(["a0", "a1", "a2", "a3"], fixture.Recorded);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
