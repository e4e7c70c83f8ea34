using Monitor.Cli;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Cli;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_ShortFault_WritesFiringAndResolvedEmlFiles()
    {
        using var dir = new TempDirectory();
        var config = DemoRun.WriteConfig(dir,
            ("interval: 2s", "interval: 500ms"),
            ("window: 20s", "window: 4s"),
            ("for: 4s", "for: 1s"));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await MonitorCommandLine.InvokeAsync(
            ["demo", "--config", config, "--fail-after", "1s", "--fail-for", "6s", "--duration", "14s"], output, error);

        Assert.Equal(0, code);
        var mail = Path.Combine(dir.Path, "data", "mail");
        var files = Directory.GetFiles(mail, "*.eml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Single(files, f => f!.Contains("incident-1.1.firing_", StringComparison.Ordinal));
        Assert.Single(files, f => f!.Contains("incident-1.2.resolved_", StringComparison.Ordinal));
        Assert.Single(files, f => f!.Contains("case-1.email.submitted_", StringComparison.Ordinal));
        var evidence = await File.ReadAllTextAsync(Path.Combine(dir.Path, "data", "cases", "CASE-1-INC-1", "case.md"));
        Assert.Contains("# demo-ordering: orders are blocked for users (the fulfillment endpoint)", evidence, StringComparison.Ordinal);
        Assert.DoesNotContain(files, f => f!.Contains("incident-2.", StringComparison.Ordinal));
        Assert.Contains("## Sample failing requests", evidence, StringComparison.Ordinal);
        Assert.Matches("`checkout`, reason (status|body).*(HTTP 500|MERCHANT_UNREACHABLE)", evidence);
        Assert.Contains("simulated partner at http://127.0.0.1:", output.ToString(), StringComparison.Ordinal);

        // A second run starts clean: the first run's incident and mail are moved aside, not carried on.
        using var again = new StringWriter();
        Assert.Equal(0, await MonitorCommandLine.InvokeAsync(
            ["demo", "--config", config, "--fail-after", "1h", "--duration", "2s"], again, error));
        Assert.Contains("demo: starting clean; the previous run's incidents and mail were moved to", again.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(mail) && Directory.GetFiles(mail, "*.eml").Length > 0);
        Assert.True(File.Exists(Path.Combine(dir.Path, "data.previous", "cases", "CASE-1-INC-1", "case.md")));
    }
}
