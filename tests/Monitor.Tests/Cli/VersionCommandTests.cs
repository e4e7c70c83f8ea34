using Monitor.Cli;

namespace Monitor.Tests.Cli;

public sealed class VersionCommandTests
{
    [Fact]
    public async Task Invoke_Version_PrintsVersionAndExitsZero()
    {
        using var output = new StringWriter();
        var code = await MonitorCommandLine.InvokeAsync(["version"], output);

        Assert.Equal(0, code);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("monitor ", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^runtime: \.NET 10\.[0-9.]+; GC: (workstation|server), (non-)?concurrent, ([0-9]+ MiB|default) regions, conserve memory [0-9]+$", lines[1]);
    }
}
