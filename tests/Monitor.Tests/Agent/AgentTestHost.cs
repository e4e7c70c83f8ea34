using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Agent;
using Monitor.Configuration;
using Monitor.Metrics;
using Monitor.Tests.Ingest.Agents;

namespace Monitor.Tests.Agent;

/// <summary>
/// <c>monitor agent</c> in process, on loopback, at one location. With <c>manual</c> the probe loop and the
/// reporter's background loop are off, and the test runs rounds and flushes itself.
/// </summary>
internal sealed class AgentTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AgentTestHost(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public IServiceProvider Services => _app.Services;

    public ResultSpool Spool => Services.GetRequiredService<ResultSpool>();

    public AgentReporter Reporter => Services.GetRequiredService<AgentReporter>();

    public AgentMetrics Metrics => Services.GetRequiredService<AgentMetrics>();

    /// <summary>The agent's config file, as <c>monitor agent --config</c> would read it.</summary>
    public static string WriteConfig(
        string folder, string location, string targetUrl, IEnumerable<string> centrals, string? token = null, int maxResults = 1000, string interval = "30s",
        string? caFile = null)
    {
        Directory.CreateDirectory(folder);
        var yaml = new StringBuilder()
            .AppendLine("monitor:")
            .AppendLine($"  dataDirectory: \"{folder}/data\"")
            .AppendLine("  targets:")
            .AppendLine("    http:")
            .AppendLine("      - name: fulfillment")
            .AppendLine($"        url: \"{targetUrl}\"")
            .AppendLine($"        interval: {interval}")
            .AppendLine("        timeout: 5s")
            .AppendLine("  agent:")
            .AppendLine($"    location: {location}")
            .AppendLine($"    token: \"{token ?? CentralTestHost.TokenOf(location)}\"")
            .AppendLine("    listen: \"http://127.0.0.1:0\"")
            .AppendLine("    retryInterval: 200ms")
            .AppendLine("    timeout: 5s")
            .AppendLine("    spool:")
            .AppendLine($"      maxResults: {maxResults}")
            .AppendLine(caFile is null ? "" : $"    caFile: \"{caFile}\"")
            .AppendLine("    central:");
        foreach (var central in centrals)
        {
            yaml.AppendLine($"      - \"{central}\"");
        }

        var path = Path.Combine(folder, "agent.yaml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }

    public static async Task<AgentTestHost> StartAsync(string configPath, TimeProvider time, bool manual = true)
    {
        var config = ConfigLoader.Load(configPath);
        var problems = AgentOptionsValidator.Validate(config.Options, config.ConfigDirectory);
        Assert.Empty(problems);
        var app = AgentHost.Build(config, services =>
        {
            services.AddLogging(logging => logging.ClearProviders());
            services.AddSingleton(time);
            services.AddSingleton(_ => new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry()));
            if (manual)
            {
                foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)).ToList())
                {
                    services.Remove(hosted);
                }
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AgentTestHost(app, address);
    }

    /// <summary>One probe round: every target once, into the spool.</summary>
    public Task ProbeAsync() => Services.GetRequiredService<AgentProbeRunner>().RunAllOnceAsync(CancellationToken.None);

    /// <summary>Sends the spool; true when a central took all of it.</summary>
    public Task<bool> FlushAsync() => Reporter.FlushAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
