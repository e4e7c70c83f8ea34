using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Hosting.Reload;
using Monitor.Ingest;
using Monitor.Ingest.Agents;
using Monitor.Metrics;
using Monitor.Incidents;
using Monitor.Web.Api;
using Monitor.Probes;
using Monitor.Probes.Feed;
using Monitor.Probes.Http;
using Monitor.Storage;
using Monitor.Web;
using Prometheus;
using Quartz;

namespace Monitor.Hosting;

/// <summary>Builds the daemon: the generic host with Kestrel, Quartz, the rules and the notifiers.</summary>
internal static class MonitorHost
{
    public static WebApplication Build(LoadedConfig config, Action<IServiceCollection>? configure = null)
    {
        var options = config.Options;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddConfiguration(config.Configuration);
        builder.WebHost.UseKestrelCore().UseUrls(options.Web.Listen);
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
        // A start that fails (the port in use, another daemon on the store) is said in one line by the command; the host's
        // own "Hosting failed to start" would add kilobytes of stack trace. Its critical messages (a service that died) stay.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddFilter("Quartz", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Error);

        // Under systemd (config/systemd/monitor.service, Type=notify): tell it when the host has started and when it stops,
        // and log in the journal's format. Elsewhere this does nothing.
        builder.Services.AddSystemd();
        AddMonitor(builder.Services, config);
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseRouting();
        HealthEndpoints.Map(app);
        StatusEndpoints.Map(app);
        IncidentApi.Map(app);
        app.MapMetrics("/metrics", app.Services.GetRequiredService<MonitorMetrics>().Registry);
        app.MapIngest();
        app.MapAgents();
        LocationEndpoints.Map(app);
        ReloadEndpoint.Map(app);
        StartupLog.Register(app, config.ConfigPath);
        return app;
    }

    public static void AddMonitor(IServiceCollection services, LoadedConfig config)
    {
        var options = config.Options;
        services.AddSingleton(config);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry()));

        // First of the hosted services: with PostgreSQL, nothing else starts unless this is the only daemon on the database.
        services.AddDaemonLock(options);

        // Each target owns its probe; targets are built by the factory so that a reload can add and replace them.
        services.AddHttpClient(ProbeFactory.FeedClient, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<ProbeFactory>();
        services.AddSingleton(sp => new ProbeCatalog(sp.GetRequiredService<ProbeFactory>(), options));
        StatusEndpoints.AddStatus(services);

        // Validation already reported every problem, so the mapping here cannot fail.
        var rules = AgentsExtensions.WithLocations(RuleFactory.Create(options.Rules, new List<string>(), "monitor:rules"), options);
        services.AddSingleton(sp => new AlertEvaluator(
            rules, Duration.Parse(options.Evaluation.Resolution), sp.GetRequiredService<IAlertSink>(),
            sp.GetRequiredService<MonitorMetrics>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AlertEvaluator>>(),
            sp.GetService<IAlertStateStore>(), sp.GetRequiredService<FailureSamples>()));
        services.TryAddSingleton<FailureSamples>();
        services.AddHostedService<EvaluationService>();
        services.AddIngest(config);
        services.AddSingleton<LocationBoard>();
        services.AddAgents(options);

        services.AddIncidents(options);
        services.AddSingleton<Web.IStatusSource, Web.IncidentStatusSource>();

        services.AddQuartz(q => q.ConfigureScheduler(s => s.InstanceName = "monitor-" + options.Project));
        services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
        services.AddSingleton<ProbeScheduler>();
        services.AddHostedService<ProbeSchedulerStart>();

        // SIGHUP, POST /-/reload and, with reloadOnChange, the file itself.
        services.AddSingleton<ProbeUpdater>();
        services.AddSingleton<ConfigReloader>();
        services.AddSingleton<ReloadTriggers>();
        services.AddHostedService(sp => sp.GetRequiredService<ReloadTriggers>());
        services.AddSingleton<IProbeListener, Metrics.ProbeMetricsListener>();
        services.AddSingleton<IProbeListener, ProbeRulesListener>();
    }
}
