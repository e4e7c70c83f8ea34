using System.Net;
using System.Net.Sockets;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Cli;

/// <summary>Starting the real program as a new user would: what it refuses, and how it says so.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task CheckConfig_NoConfigInThisFolder_FailsNamingThePathLookedFor()
    {
        using var dir = new TempDirectory();
        using var check = DaemonProcess.Start(dir.Path, "check-config");

        Assert.Equal(2, await check.WaitForExitAsync());
        Assert.Contains($"file '{Path.Combine(dir.Path, "config", "monitor.yaml")}' does not exist", check.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("configuration OK", check.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SecondDaemonOnSameSqliteData_RefusedInOneLine()
    {
        using var dir = new TempDirectory();
        var first = dir.Write("first.yaml", Config(dir.Path, FreePort.Next()));
        var second = dir.Write("second.yaml", Config(dir.Path, FreePort.Next()));
        using var running = DaemonProcess.Start(dir.Path, "run", "--config", first);
        await running.WaitForOutputAsync("Monitor started with");

        using var refused = DaemonProcess.Start(dir.Path, "run", "--config", second);

        Assert.Equal(1, await refused.WaitForExitAsync());
        var line = Assert.Single(refused.Output, l => l.StartsWith("monitor:", StringComparison.Ordinal));
        Assert.Equal($"monitor: the daemon could not run: another monitor daemon is running on {Path.Combine(dir.Path, "data")} "
            + $"(it holds {Path.Combine(dir.Path, "data", "monitor.lock")}); run one daemon per data directory", line);
        Assert.DoesNotContain(refused.Output, l => l.Contains("   at ", StringComparison.Ordinal));
        Assert.False(running.HasExited);
    }

    [Fact]
    public async Task Run_PortInUse_OneLineWithoutStackTrace()
    {
        using var dir = new TempDirectory();
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var path = dir.Write("monitor.yaml", Config(dir.Path, port));

        using var run = DaemonProcess.Start(dir.Path, "run", "--config", path);

        Assert.Equal(1, await run.WaitForExitAsync());
        Assert.Equal([$"monitor: the daemon could not run: http://127.0.0.1:{port} (monitor:web:listen) is already in use by another program"], run.Output);
    }

    [Fact]
    public async Task Run_Started_LogsConfigFileAndListenAddress()
    {
        using var dir = new TempDirectory();
        var port = FreePort.Next();
        var path = dir.Write("monitor.yaml", Config(dir.Path, port));

        using var run = DaemonProcess.Start(dir.Path, "run", "--config", path);

        await run.WaitForOutputAsync($"Monitor started with {path}, listening on http://127.0.0.1:{port}");
    }

    [Fact]
    public async Task CheckConfig_UnsetVariable_NamesIt()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("monitor.yaml", Config(dir.Path, FreePort.Next()) + "  api: { token: \"${env:MONITOR_STARTUP_TEST_UNSET}\" }\n");

        using var check = DaemonProcess.Start(dir.Path, "check-config", "--config", path);

        Assert.Equal(2, await check.WaitForExitAsync());
        Assert.Contains("monitor:api:token: refers to the environment variable MONITOR_STARTUP_TEST_UNSET, which is not set (or empty)", check.Text, StringComparison.Ordinal);
    }

    private static string Config(string folder, int port) => $"""
        monitor:
          dataDirectory: "{folder}/data"
          web: {"{"} listen: "http://127.0.0.1:{port}" {"}"}

        """;
}
