using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Hosting;
using Monitor.Ingest;
using Monitor.Metrics;

namespace Monitor.Tests.Ingest;

/// <summary>The daemon on loopback with a fake clock, a recording alert sink and a temp data folder.</summary>
internal sealed class IngestTestHost : IAsyncDisposable
{
    public const string Token = "test-token-0123456789";

    private readonly WebApplication _app;

    private IngestTestHost(WebApplication app, FakeTimeProvider time, RecordingSink sink, TempFolder folder, HttpClient client)
    {
        _app = app;
        Time = time;
        Sink = sink;
        Folder = folder;
        Client = client;
    }

    public FakeTimeProvider Time { get; }

    public RecordingSink Sink { get; }

    public TempFolder Folder { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public AlertEvaluator Evaluator => Services.GetRequiredService<AlertEvaluator>();

    public IngestQueue Queue => Services.GetRequiredService<IngestQueue>();

    /// <summary>Starts the daemon. <paramref name="extraYaml"/> is appended under <c>monitor:</c> (indented two spaces).</summary>
    /// <param name="ingestYaml">Lines under <c>monitor:ingest:</c>, indented four spaces.</param>
    /// <param name="runPump">False leaves the queue undrained, as if the rules were too slow.</param>
    public static async Task<IngestTestHost> StartAsync(string ingestYaml = "", string rulesYaml = "", bool runPump = true, DateTimeOffset? start = null, string token = Token,
        IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var folder = new TempFolder();
        var yaml = new StringBuilder()
            .AppendLine("monitor:")
            .AppendLine($"  dataDirectory: \"{folder.Path}/data\"")
            .AppendLine("  web:")
            .AppendLine("    listen: \"http://127.0.0.1:0\"")
            .AppendLine("  contacts:")
            .AppendLine("    emergency: [oncall@example.com]")
            .AppendLine("  evaluation:")
            .AppendLine("    interval: 1h")
            .AppendLine("  ingest:")
            .AppendLine($"    token: \"{token}\"")
            .Append(ingestYaml)
            .AppendLine(rulesYaml.Length > 0 ? "  rules:" : "")
            .Append(rulesYaml)
            .ToString();
        var path = folder.Write("monitor.yaml", yaml);
        var config = ConfigLoader.Load(path, overrides);
        var time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var sink = new RecordingSink();
        var app = MonitorHost.Build(config, services =>
        {
            services.AddLogging(logging => logging.ClearProviders());
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton<IAlertSink>(sink);
            services.AddSingleton(_ => new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry()));
            // Evaluations are driven by the tests, at simulated times.
            RemoveHosted<EvaluationService>(services);
            if (!runPump)
            {
                RemoveHosted<IngestPump>(services);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        return new IngestTestHost(app, time, sink, folder, client);
    }

    public async Task<HttpResponseMessage> PostAsync(string body, string? token = Token, string mediaType = "application/x-ndjson")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/observations")
        {
            Content = new StringContent(body, Encoding.UTF8, mediaType),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Observations the rules have recorded, over every signal and outcome.</summary>
    public double Recorded()
    {
        var metrics = Services.GetRequiredService<MonitorMetrics>();
        return metrics.Observations.GetAllLabelValues().Sum(labels => metrics.Observations.WithLabels(labels).Value);
    }

    /// <summary>Waits, bounded, until the queue is empty (the pump recorded everything taken).</summary>
    public async Task WaitForQueueEmptyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Queue.Depth > 0)
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Folder.Dispose();
    }

    private static void RemoveHosted<T>(IServiceCollection services)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(T)).ToList())
        {
            services.Remove(descriptor);
        }
    }
}
