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
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddConfiguration(config.Configuration);
        builder.WebHost.UseKestrelCore().UseUrls(agent.Listen);
        builder.Services.AddRoutingCore();
        builder.Logging.AddConfiguration(config.Configuration.GetSection("logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Error);
        builder.Services.AddSystemd();

        var services = builder.Services;
        services.AddSingleton(config);
        services.AddSingleton(options);
        services.AddSingleton(agent);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry()));
        services.AddSingleton(sp => new AgentMetrics(sp.GetRequiredService<MonitorMetrics>().Registry));
        foreach (var target in options.Targets.Http)
        {
            services.AddSingleton<IProbe>(sp => new HttpProbe(
                target, sp.GetRequiredService<TimeProvider>(), config.ConfigDirectory, sp.GetRequiredService<ILogger<HttpProbe>>()));
        }

        services.AddHttpClient("feeds", c => c.Timeout = Timeout.InfiniteTimeSpan);
        foreach (var feed in options.Targets.Feeds)
        {
            services.AddSingleton<IProbe>(sp => new FeedProbe(
                feed, sp.GetRequiredService<IHttpClientFactory>().CreateClient("feeds"), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<FeedProbe>>(), Path.Combine(options.DataDirectory, "feeds")));
        }

        services.AddSingleton<ProbeCatalog>();
        var spoolDirectory = string.IsNullOrWhiteSpace(agent.Spool.Directory) ? Path.Combine(options.DataDirectory, "agent-spool") : agent.Spool.Directory;
        services.AddSingleton(_ => new ResultSpool(spoolDirectory, agent.Spool.MaxResults));
        services.AddHttpClient("central", c => c.Timeout = Timeout.InfiniteTimeSpan);
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
