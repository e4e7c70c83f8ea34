using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Monitor.Tests.Web;

namespace Monitor.Tests.Metrics;

/// <summary>
/// Debian's <c>prometheus</c> on a loopback port with a temporary storage folder, configured from the
/// shipped <c>config/prometheus/</c> files but pointed at a test daemon and scraping every second.
/// </summary>
internal sealed class RealPrometheus : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _log = new();

    private RealPrometheus(Process process, string folder, Uri baseUrl)
    {
        _process = process;
        _folder = folder;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    /// <summary>What Prometheus logged, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<RealPrometheus> StartAsync(Uri daemon)
    {
        var folder = Path.Combine(Path.GetTempPath(), "monitor-prometheus-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var shipped = Path.Combine(RepositoryRoot(), "config", "prometheus");
        var config = await File.ReadAllTextAsync(Path.Combine(shipped, "prometheus.yml"));
        config = Replace(config, "127.0.0.1:9464", $"{daemon.Host}:{daemon.Port}");
        config = Replace(config, "scrape_interval: 15s", "scrape_interval: 1s");
        config = Replace(config, "evaluation_interval: 15s", "evaluation_interval: 1s");
        config = Replace(config, "scrape_timeout: 10s", "scrape_timeout: 1s");
        await File.WriteAllTextAsync(Path.Combine(folder, "prometheus.yml"), config);
        File.Copy(Path.Combine(shipped, "monitor-alerts.yml"), Path.Combine(folder, "monitor-alerts.yml"));

        var port = FreePort();
        var process = ExternalTool.Start("prometheus",
        [
            "--config.file=" + Path.Combine(folder, "prometheus.yml"),
            "--storage.tsdb.path=" + Path.Combine(folder, "data"),
            $"--web.listen-address=127.0.0.1:{port}",
            "--log.level=warn",
        ]);
        var prometheus = new RealPrometheus(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        await prometheus.WaitAsync("Prometheus ready", async () =>
            (await prometheus.Http.GetAsync(new Uri("-/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK);
        return prometheus;
    }

    /// <summary>Runs an instant query; returns the whole answer (status, data or error).</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        using var response = await Http.GetAsync(new Uri("api/v1/query?query=" + Uri.EscapeDataString(promql), UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri(path, UriKind.Relative)));
        return document.RootElement.Clone();
    }

    /// <summary>Polls a condition every 200 ms for at most 45 s; fails with the Prometheus log otherwise.</summary>
    public async Task WaitAsync(string what, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(45))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode} while waiting for {what}:\n{Log}");
            }

            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"waited 45 s for {what}; prometheus log:\n{Log}");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Monitor.sln not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean with the rest of the temp folder.
        }
    }

    private static string Replace(string text, string from, string to) =>
        text.Contains(from, StringComparison.Ordinal)
            ? text.Replace(from, to, StringComparison.Ordinal)
            : throw new InvalidOperationException($"config/prometheus/prometheus.yml no longer contains '{from}'; update the test with the file.");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
