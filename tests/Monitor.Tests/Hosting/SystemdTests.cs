using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Monitor.Tests.TestSupport;
using Monitor.Tests.Web;

namespace Monitor.Tests.Hosting;

/// <summary>The shipped systemd unit, and the daemon's sd_notify conversation with a service manager.</summary>
public sealed partial class SystemdTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Where the units expect the native build (<c>dotnet publish -r linux-x64 -o /opt/monitor</c>).</summary>
    private const string InstalledProgram = "/opt/monitor/monitor";

    private static string Unit() => Path.Combine(Configuration.ConfigLoaderTests.RepositoryRoot(), "config", "systemd", "monitor.service");

    [ToolFact("systemd-analyze")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Unit_ShippedServiceFile_VerifiesWithoutWarnings()
    {
        using var dir = new TempDirectory();
        var unit = Path.Combine(dir.Path, "monitor.service");
        // verify insists that the program exists: the installed /opt/monitor/monitor is played by an executable file here.
        var program = Path.Combine(dir.Path, "monitor");
        File.WriteAllText(program, "#!/bin/sh\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Contains(InstalledProgram + " ", File.ReadAllText(Unit()), StringComparison.Ordinal);
        File.WriteAllText(unit, File.ReadAllText(Unit()).Replace(InstalledProgram + " ", program + " ", StringComparison.Ordinal));

        var run = await ExternalTool.RunAsync("systemd-analyze", ["verify", unit], Limit);

        Assert.True(run.ExitCode == 0 && run.Output.Length == 0 && run.Error.Length == 0,
            $"systemd-analyze verify (exit {run.ExitCode}):\n{run.Output}{run.Error}");
    }

    [ToolFact("systemd-analyze")]
    public async Task Unit_ShippedServiceFile_IsRatedOkBySystemdSecurity()
    {
        using var dir = new TempDirectory();
        var unit = Path.Combine(dir.Path, "monitor.service");
        File.Copy(Unit(), unit);

        var run = await ExternalTool.RunAsync("systemd-analyze", ["security", "--offline=yes", unit], Limit);

        // 0 is locked down, 10 is fully exposed; systemd calls up to 4.9 "OK".
        var level = ExposureLevel().Match(run.Output + run.Error);
        Assert.True(level.Success, $"no exposure level in:\n{run.Output}{run.Error}");
        Assert.InRange(double.Parse(level.Groups["level"].Value, CultureInfo.InvariantCulture), 0, 4.0);
    }

    [Fact]
    public async Task Daemon_StartedBySystemd_NotifiesReadyThenStoppingOnSigterm()
    {
        using var dir = new TempDirectory();
        var config = DemoRun.WriteConfig(dir);
        var socketPath = Path.Combine(dir.Path, "notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));

        // The hosting library recognises a service manager by its parent's process name: a shell started as
        // "systemd" (a symbolic link) plays that parent, as systemd itself would start the unit's ExecStart.
        var manager = Path.Combine(dir.Path, "systemd");
        File.CreateSymbolicLink(manager, "/bin/sh");
        var pidFile = Path.Combine(dir.Path, "monitor.pid");
        var daemon = Path.Combine(AppContext.BaseDirectory, "monitor.dll");
        var info = new ProcessStartInfo(manager)
        {
            ArgumentList = { "-c", $"dotnet '{daemon}' run --config '{config}' >/dev/null 2>&1 & echo $! > '{pidFile}'; wait" },
            UseShellExecute = false,
        };
        info.Environment["NOTIFY_SOCKET"] = socketPath;
        using var parent = Process.Start(info)!;
        try
        {
            Assert.Equal("READY=1", await ReceiveAsync(socket));

            var pid = (await File.ReadAllTextAsync(pidFile)).Trim();
            var term = await ExternalTool.RunAsync("kill", ["-TERM", pid], Limit);
            Assert.Equal(0, term.ExitCode);

            Assert.Equal("STOPPING=1", await ReceiveAsync(socket));
            using var stopped = new CancellationTokenSource(Limit);
            await parent.WaitForExitAsync(stopped.Token);
        }
        finally
        {
            if (!parent.HasExited)
            {
                parent.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<string> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            var length = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return Encoding.UTF8.GetString(buffer, 0, length).Trim();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no sd_notify message within {Limit.TotalSeconds:0} s");
        }
    }

    [GeneratedRegex(@"Overall exposure level for monitor\.service: (?<level>\d+(\.\d+)?)")]
    private static partial Regex ExposureLevel();
}
