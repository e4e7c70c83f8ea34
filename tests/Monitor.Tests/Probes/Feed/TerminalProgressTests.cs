using Microsoft.Extensions.Time.Testing;
using Monitor.Probes.Feed;

namespace Monitor.Tests.Probes.Feed;

public sealed class TerminalProgressTests
{
    [Fact]
    public void Report_FirstSecond_StaysQuietThenDrawsThrottled()
    {
        var time = new FakeTimeProvider(TestFeeds.Now);
        using var output = new StringWriter();
        var progress = new TerminalProgress(output, time);

        progress.Report(10_000_000);
        var quiet = output.ToString();
        time.Advance(TimeSpan.FromSeconds(2));
        progress.Report(400_000_000);
        progress.Report(410_000_000); // within 250 ms of the last draw: skipped
        progress.Finish();

        Assert.Equal("", quiet);
        var text = output.ToString();
        Assert.Contains("validated        400 MB     200 MB/s", text, StringComparison.Ordinal);
        Assert.DoesNotContain("410 MB", text, StringComparison.Ordinal);
        Assert.EndsWith("\r", text, StringComparison.Ordinal);
    }
}
