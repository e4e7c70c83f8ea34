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
        Assert.StartsWith("monitor ", output.ToString(), StringComparison.Ordinal);
    }
}
