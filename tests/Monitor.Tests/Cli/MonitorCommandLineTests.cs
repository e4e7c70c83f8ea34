using Monitor.Cli;

namespace Monitor.Tests.Cli;

public sealed class MonitorCommandLineTests
{
    [Theory]
    [InlineData(new[] { "maintenance", "start" }, "--for")]
    [InlineData(new[] { "version", "--bogus" }, "--bogus")]
    [InlineData(new[] { "no-such-command" }, "no-such-command")]
    public async Task Invoke_UnparsableArguments_ExitsTwoNamingTheProblem(string[] args, string named)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await MonitorCommandLine.InvokeAsync(args, output, error);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("monitor --help", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Help_ExitsZeroWithTheExitCodes()
    {
        using var output = new StringWriter();

        var code = await MonitorCommandLine.InvokeAsync(["--help"], output);

        Assert.Equal(0, code);
        Assert.Contains(ExitCodes.Help, output.ToString(), StringComparison.Ordinal);
    }
}
