using Monitor.Configuration;
using Monitor.Incidents;
using Monitor.Metrics;
using Monitor.Web.Api;

namespace Monitor.Cli;

/// <summary>
/// The incident services for a command-line tool: the same SQLite file as the daemon, no background
/// worker. What a command writes to the outbox is delivered by the running daemon (never by the tool,
/// so a message is not sent by two processes at once).
/// </summary>
internal static class IncidentCli
{
    public static ServiceProvider Build(MonitorOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry()));
        services.AddIncidents(options, background: false);
        services.AddIncidentQueries();
        // The daemon's transition spool is the daemon's alone: a tool neither replays nor removes it.
        services.AddSingleton(sp => new Incidents.Spool.TransitionSpool(null, 0, sp.GetRequiredService<MonitorMetrics>(), sp.GetRequiredService<ILogger<Incidents.Spool.TransitionSpool>>()));
        return services.BuildServiceProvider();
    }

    /// <summary>Who ran the command, for the timeline.</summary>
    public static string User() => Environment.GetEnvironmentVariable("USER") ?? Environment.UserName;
}
