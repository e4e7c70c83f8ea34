using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Hosting;
using Monitor.Metrics;
using Monitor.Probes;
using Monitor.Tests.Ingest;

namespace Monitor.Tests.Ingest.Agents;

/// <summary>
/// A central daemon on loopback that knows three agents (a, b, c) and one target, <c>fulfillment</c>, with an urgent
/// integration-down rule under a quorum of two locations. Its own probes and evaluation ticks are off: the tests
/// drive them on a fake clock.
/// </summary>
internal sealed class CentralTestHost : IAsyncDisposable
{
    public static readonly string[] Agents = ["a", "b", "c"];

    private readonly WebApplication _app;

    private CentralTestHost(WebApplication app, FakeTimeProvider time, RecordingSink? sink, HttpClient client, string url)
    {
        _app = app;
        Time = time;
        Sink = sink;
        Client = client;
        Url = url;
    }

    public FakeTimeProvider Time { get; }

    /// <summary>The transitions, unless the real incident layer runs.</summary>
    public RecordingSink? Sink { get; }

    public HttpClient Client { get; }

    public string Url { get; }

    public IServiceProvider Services => _app.Services;

    public AlertEvaluator Evaluator => Services.GetRequiredService<AlertEvaluator>();

    public LocationBoard Board => Services.GetRequiredService<LocationBoard>();

    public static string TokenOf(string agent) => $"agent-{agent}-token-0123456789";

    /// <param name="dataDirectory">The central's data folder (its database and mail).</param>
    /// <param name="targetUrl">What the central's own <c>fulfillment</c> target points at (it is never probed here).</param>
    /// <param name="port">A fixed port (0: any), so that a restarted central is found at the same URL.</param>
    /// <param name="incidents">True: the real incident layer with its store; false: a recording sink.</param>
    /// <param name="postgres">A PostgreSQL connection string for the store (null: SQLite in the data folder).</param>
    /// <param name="smtpPort">A loopback SMTP server for the e-mails (0: none).</param>
    /// <param name="extraRules">More rules, as YAML list items under <c>rules:</c>.</param>
    /// <param name="certificate">Serve HTTPS with this certificate instead of HTTP.</param>
    /// <param name="extraTargets">More targets, as YAML under <c>targets:</c> (a <c>feeds:</c> list, for example).</param>
    public static async Task<CentralTestHost> StartAsync(
        string dataDirectory, string targetUrl = "http://127.0.0.1:9/health", int port = 0, bool incidents = false, FakeTimeProvider? time = null,
        string rule = "      minLocations: 2", string? postgres = null, int smtpPort = 0, string extraRules = "",
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null, string extraTargets = "")
    {
        Directory.CreateDirectory(dataDirectory);
        var yaml = new StringBuilder()
            .AppendLine("monitor:")
            .AppendLine($"  dataDirectory: \"{dataDirectory}\"")
            .AppendLine("  location: central")
            .AppendLine("  web:")
            .AppendLine($"    listen: \"http://127.0.0.1:{port}\"")
            .AppendLine("  contacts:")
            .AppendLine("    emergency: [oncall@example.com]")
            .AppendLine("    technical: [tech@example.com]")
            .AppendLine("  evaluation:")
            .AppendLine("    interval: 1h")
            .AppendLine("  cases:")
            .AppendLine("    mode: auto")
            .AppendLine("    supportEmail: support@example.com")
            .AppendLine(postgres is null ? "" : $"  storage: {{ provider: postgres, connectionString: \"{postgres}\" }}")
            .AppendLine(smtpPort == 0 ? "" : $"  smtp: {{ host: 127.0.0.1, port: {smtpPort}, security: none, from: monitor@example.com }}")
            .AppendLine("  agents:")
            .AppendLine("    staleAfter: 2m")
            .AppendLine("    maxClockSkew: 1m")
            .AppendLine("    locations:");
        foreach (var agent in Agents)
        {
            yaml.AppendLine($"      - name: {agent}").AppendLine($"        token: \"{TokenOf(agent)}\"");
        }

        yaml.AppendLine("  targets:")
            .AppendLine("    http:")
            .AppendLine("      - name: fulfillment")
            .AppendLine($"        url: \"{targetUrl}\"")
            .AppendLine("        interval: 30s")
            .Append(extraTargets)
            .AppendLine("  rules:")
            .AppendLine("    - name: fulfillment-down")
            .AppendLine("      signal: fulfillment")
            .AppendLine("      window: 1m")
            .AppendLine("      threshold: 0.5")
            .AppendLine("      severity: critical")
            .AppendLine("      category: integration-down")
            .AppendLine(rule)
            .Append(extraRules);
        var path = Path.Combine(dataDirectory, "central.yaml");
        File.WriteAllText(path, yaml.ToString());
        var config = ConfigLoader.Load(path);
        time ??= new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var sink = incidents ? null : new RecordingSink();
        var app = MonitorHost.Build(config, services =>
        {
            services.AddLogging(logging => logging.ClearProviders());
            services.AddSingleton<TimeProvider>(time);
            if (sink is not null)
            {
                services.AddSingleton<IAlertSink>(sink);
            }

            services.AddSingleton(_ => new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry()));
            RemoveHosted<EvaluationService>(services);
            RemoveHosted<ProbeSchedulerStart>(services);
            if (certificate is not null)
            {
                services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(
                    o => o.Listen(System.Net.IPAddress.Loopback, port, listen => listen.UseHttps(certificate)));
            }
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A standby refused by the daemon lock, for example: nothing of it may keep running.
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
#pragma warning disable CA2000 // The client owns the handler and is disposed with the host.
        var handler = new HttpClientHandler();
#pragma warning restore CA2000
        if (certificate is not null)
        {
            // The tests' own client trusts exactly this certificate; the agent is what is under test.
            handler.ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint;
        }

        var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        return new CentralTestHost(app, time, sink, client, address);
    }

    public async Task<HttpResponseMessage> ReportAsync(string body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/agents/results")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void RemoveHosted<T>(IServiceCollection services)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(T)).ToList())
        {
            services.Remove(descriptor);
        }
    }
}
