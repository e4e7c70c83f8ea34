using System.Globalization;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Hosting.Reload;

/// <summary>SIGHUP sent to the real daemon process: it reloads instead of ending, as the .NET host would have it.</summary>
public sealed class SignalReloadTests
{
    [Fact]
    public async Task Sighup_ConfigGainedTarget_ProcessKeepsRunningAndProbesIt()
    {
        using var dir = new TempDirectory();
        var port = FreePort.Next();
        var path = dir.Write("monitor.yaml", Config(dir.Path, port, "a"));
        using var daemon = DaemonProcess.Start(dir.Path, "run", "--config", path);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        await daemon.WaitForOutputAsync("Probe a scheduled");
        dir.Write("monitor.yaml", Config(dir.Path, port, "a", "b"));

        await daemon.SignalAsync("HUP");

        await daemon.WaitForOutputAsync("Configuration reloaded: targets added: b");
        Assert.False(daemon.HasExited);
        Assert.Contains("\"b\"", await http.GetStringAsync(new Uri("api/v1/targets", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("(SIGHUP)", daemon.Text, StringComparison.Ordinal);
    }

    private static string Config(string folder, int port, params string[] targets) => string.Create(CultureInfo.InvariantCulture, $"""
        monitor:
          dataDirectory: "{folder}/data"
          web: {"{"} listen: "http://127.0.0.1:{port}" {"}"}
          targets:
            http:
        {string.Concat(targets.Select(t => $"      - {"{"} name: {t}, url: \"http://127.0.0.1:{port}/healthz\", cron: \"0 0 0 1 1 ? 2099\" {"}"}\n"))}
        """);
}
