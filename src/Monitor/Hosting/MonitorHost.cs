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
        var builder = WebHostDefaults.CreateBuilder(config, options.Web.Listen);
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
        services.AddSingleton(_ => MonitorMetrics.ForProcess());
        // One redactor for probe results, logs and messages; a reload teaches it the new configuration's secrets.
        services.TryAddSingleton(new SecretRedactor(ConfiguredSecrets.Of(options)));

        // First of the hosted services: with PostgreSQL, nothing else starts unless this is the only daemon on the database.
        services.AddDaemonLock(options);

        // Each target owns its probe; targets are built by the factory so that a reload can add and replace them.
        services.AddHttpClient(ProbeFactory.FeedClient, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<ProbeFactory>();
        services.AddSingleton(options.Targets);
        services.AddSingleton(sp => new ProbeCatalog(sp.GetRequiredService<ProbeFactory>(), options.Targets));
        StatusEndpoints.AddStatus(services);

        // Validation already reported every problem, so the mapping here cannot fail.
        var rules = AgentsExtensions.WithLocations(RuleFactory.Create(options.Rules, new List<string>(), "monitor:rules"), options);
        services.AddSingleton(sp => new AlertEvaluator(
            rules, Duration.Parse(options.Evaluation.Resolution), sp.GetRequiredService<IAlertSink>(),
            sp.GetRequiredService<MonitorMetrics>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AlertEvaluator>>(),
            sp.GetService<IAlertStateStore>(), sp.GetRequiredService<FailureSamples>()));
        services.TryAddSingleton<FailureSamples>();
        services.AddSingleton(options.Evaluation);
        services.AddHostedService<EvaluationService>();
        services.AddIngest(config);
        services.AddSingleton<LocationBoard>();
        services.AddAgents(options);

        services.AddIncidents(options);
        services.AddIncidentQueries();
        services.AddSingleton<Web.IStatusSource, Web.IncidentStatusSource>();

        services.AddSingleton<ProbeJob>();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "monitor-" + options.Project;
                // Triggers due within ProbeScheduler.FireAhead of the first are fired in one round of the scheduler
                // thread, so hundreds of targets with one interval wake it a few times per interval, not once each.
                s.MaxBatchSize = ProbeScheduler.MaxBatch;
                s.BatchTriggerAcquisitionFireAheadTimeWindow = ProbeScheduler.FireAhead;
            });
            // A probe spends its run waiting on the network, so the limit is on runs in flight, not on threads:
            // with the default of 10, 500 targets timing out after 5 s would take minutes to go round once.
            q.UseDefaultThreadPool(ProbeScheduler.MaxRunning);
            q.UseJobFactory<ProbeJobFactory>();
        });
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
