using System.Globalization;
using Monitor.Cli;

namespace Monitor.Tests.TestSupport;

/// <summary>
/// <c>monitor demo</c> run in the background through the real command line, on the shipped
/// <c>config/demo.yaml</c> with only its data folder, port and given intervals changed.
/// </summary>
internal sealed class DemoRun : IAsyncDisposable
{
    /// <summary>The ingest token written in <c>config/demo.yaml</c>.</summary>
    public const string IngestToken = "demo-ingest-token";

    private readonly TempDirectory _folder;
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _run;

    private DemoRun(TempDirectory folder, Uri baseUrl, CancellationTokenSource stop, Task<int> run)
    {
        _folder = folder;
        BaseUrl = baseUrl;
        _stop = stop;
        _run = run;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(15) };
    }

    /// <summary>The daemon's address, for example <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    /// <summary>Where the demo keeps its store, mail and cases.</summary>
    public string DataDirectory => Path.Combine(_folder.Path, "data");

    /// <summary>
    /// Writes <c>config/demo.yaml</c> into <paramref name="folder"/> with its data folder there, a free
    /// port, and each <paramref name="replacements"/> pair (old text, new text) applied; returns its path.
    /// </summary>
    public static string WriteConfig(TempDirectory folder, params (string Old, string New)[] replacements)
    {
        var root = Configuration.ConfigLoaderTests.RepositoryRoot();
        var demo = File.ReadAllText(Path.Combine(root, "config", "demo.yaml"))
            .Replace("dataDirectory: data/demo", $"dataDirectory: \"{folder.Path}/data\"", StringComparison.Ordinal)
            .Replace("http://127.0.0.1:9464", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort.Next()}"), StringComparison.Ordinal);
        foreach (var (old, replacement) in replacements)
        {
            Assert.Contains(old, demo, StringComparison.Ordinal);
            demo = demo.Replace(old, replacement, StringComparison.Ordinal);
        }

        File.Copy(Path.Combine(root, "config", "checkout-sandbox.json"), Path.Combine(folder.Path, "checkout-sandbox.json"));
        return folder.Write("demo.yaml", demo);
    }

    /// <summary>Starts the demo and waits (at most 30 s) until its web server answers <c>/readyz</c>.</summary>
    public static async Task<DemoRun> StartAsync(string[] demoArguments, params (string Old, string New)[] replacements)
    {
        var folder = new TempDirectory();
        var config = WriteConfig(folder, replacements);
        var listen = System.Text.RegularExpressions.Regex.Match(await File.ReadAllTextAsync(config), "http://127\\.0\\.0\\.1:\\d+").Value;
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => MonitorCommandLine.InvokeAsync(["demo", "--config", config, .. demoArguments], TextWriter.Null, TextWriter.Null, stop.Token));
        var demo = new DemoRun(folder, new Uri(listen + "/"), stop, run);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (run.IsCompleted)
            {
                throw new InvalidOperationException($"the demo stopped at start with exit code {await run}");
            }

            try
            {
                using var ready = await demo.Http.GetAsync(new Uri("readyz", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    return demo;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                await demo.DisposeAsync();
                throw new TimeoutException("the demo was not ready within 30 s");
            }

            await Task.Delay(50);
        }
    }

    public Task<string> ScrapeAsync() => Http.GetStringAsync(new Uri("metrics", UriKind.Relative));

    /// <summary>Posts NDJSON outcome lines to the demo's ingest endpoint with its token.</summary>
    public async Task<HttpResponseMessage> IngestAsync(params string[] lines)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/v1/observations", UriKind.Relative))
        {
            Content = new StringContent(string.Join('\n', lines), System.Text.Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", IngestToken);
        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException)
        {
            // Stopped by the token, as asked.
        }

        Http.Dispose();
        _stop.Dispose();
        _folder.Dispose();
    }
}
