using Monitor.Configuration;
using Monitor.Metrics;
using Monitor.Probes;
using Monitor.Probes.Feed;
using Monitor.Probes.Http;
using Prometheus;

namespace Monitor.Agent;

/// <summary>
/// Builds <c>monitor agent</c>: the configured probes, the spool and the reporter, with <c>/healthz</c> and
/// <c>/metrics</c> on <c>monitor:agent:listen</c>. No database, no rules, no incidents.
/// </summary>
internal static class AgentHost
{
    public static WebApplication Build(LoadedConfig config, Action<IServiceCollection>? configure = null)
    {
        var options = config.Options;
        var agent = options.Agent;
        var builder = WebHostDefaults.CreateBuilder(config, agent.Listen);

        var services = builder.Services;
        services.AddSingleton(config);
        services.AddSingleton(options);
        services.AddSingleton(options.Targets);
        services.AddSingleton(agent);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => MonitorMetrics.ForProcess());
        services.AddSingleton(sp => new AgentMetrics(sp.GetRequiredService<MonitorMetrics>().Registry));
        services.AddSingleton(new SecretRedactor(ConfiguredSecrets.Of(options)));
        services.AddHttpClient(ProbeFactory.FeedClient, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<ProbeFactory>();
        services.AddSingleton(sp => new ProbeCatalog(sp.GetRequiredService<ProbeFactory>(), options.Targets));
        var spoolDirectory = string.IsNullOrWhiteSpace(agent.Spool.Directory) ? Path.Combine(options.DataDirectory, "agent-spool") : agent.Spool.Directory;
        services.AddSingleton(_ => new ResultSpool(spoolDirectory, agent.Spool.MaxResults));
        var centralRoots = TlsCertificateCapture.LoadRoots(agent.CaFile, config.ConfigDirectory);
        services.AddHttpClient("central", c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => CentralTrust.Handler(centralRoots));
        services.AddSingleton(sp => new AgentReporter(
            agent, sp.GetRequiredService<ResultSpool>(), sp.GetRequiredService<IHttpClientFactory>().CreateClient("central"),
            sp.GetRequiredService<AgentMetrics>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AgentReporter>>()));
        services.AddHostedService(sp => sp.GetRequiredService<AgentReporter>());
        services.AddSingleton<AgentProbeRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<AgentProbeRunner>());
        configure?.Invoke(services);

        var app = builder.Build();
        app.UseRouting();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapMetrics("/metrics", app.Services.GetRequiredService<MonitorMetrics>().Registry);
        return app;
    }
}
