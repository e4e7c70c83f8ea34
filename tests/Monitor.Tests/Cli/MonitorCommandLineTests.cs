using System.Globalization;
using Monitor.Cli;
using Monitor.Tests.TestSupport;

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

    [Fact]
    public async Task Run_StoreUnreachable_ExitsOneWithOneLineSayingWhy()
    {
        using var dir = new TempDirectory();
        var port = FreePort.Next();
        var config = dir.Write("monitor.yaml", string.Create(CultureInfo.InvariantCulture, $"""
            monitor:
              dataDirectory: "{dir.Path}/data"
              web: {"{"} listen: "http://127.0.0.1:{FreePort.Next()}" {"}"}
              storage: {"{"} provider: postgres, connectionString: "Host=127.0.0.1;Port={port};Username=monitor;Password=never-shown;Database=monitor;Timeout=2" {"}"}
            """));
        using var error = new StringWriter();

        var code = await MonitorCommandLine.InvokeAsync(["run", "--config", config], TextWriter.Null, error);

        Assert.Equal(ExitCodes.CheckFailed, code);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("monitor: the daemon could not run: ", line, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}"), line, StringComparison.Ordinal);
        Assert.DoesNotContain("never-shown", error.ToString(), StringComparison.Ordinal);
    }
}
