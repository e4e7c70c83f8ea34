namespace Monitor.Tests.Ingest.Tail;

public sealed class TailHostTests
{
    [Fact]
    public async Task Daemon_RestartedWhileTheLogGrows_CountsEveryLineOnce()
    {
        using var shared = new TempFolder();
        var log = shared.PathOf("outcomes.ndjson");
        var yaml = $"    tail:\n      files: [\"{shared.PathOf("*.ndjson")}\"]\n      stateDirectory: \"{shared.PathOf("state")}\"\n";
        File.WriteAllText(log, TailFixture.Lines("a", 0, 3));

        await using (var first = await IngestTestHost.StartAsync(yaml))
        {
            await WaitUntil(() => first.Recorded() == 3);
        }

        File.AppendAllText(log, TailFixture.Lines("a", 3, 2));
        await using var second = await IngestTestHost.StartAsync(yaml);
        await WaitUntil(() => second.Recorded() >= 2);

        // Another poll finds nothing new: the first three lines were not read again.
        second.Time.Advance(TimeSpan.FromSeconds(1));
        File.AppendAllText(log, TailFixture.Line("a5"));
        second.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitUntil(() => second.Recorded() >= 3);
        Assert.Equal(3, second.Recorded());
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
