using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Configuration;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;

namespace Monitor.Ingest.Agents;

/// <summary>Wires agent reports into the daemon: <see cref="AddAgents"/>, <see cref="MapAgents"/> and the rules they add.</summary>
internal static class AgentsExtensions
{
    /// <summary>The rule raised for a location whose agent stopped reporting.</summary>
    public const string StaleRule = "location-stale";

    public static IServiceCollection AddAgents(this IServiceCollection services, MonitorOptions options)
    {
        services.AddSingleton(options.Agents);
        services.TryAddSingleton(options.Targets);
        services.AddSingleton(new OwnLocation(options.Location));
        services.AddSingleton<AgentTokens>();
        services.AddSingleton<AgentIngestMetrics>();
        services.AddSingleton<AgentSequenceBook>();
        services.AddSingleton<AgentReportEndpoint>();

        // Before the rules' listener (registered later), which evaluates at once.
        services.AddSingleton<Probes.IProbeListener, OwnLocationListener>();
        if (options.Agents.Locations.Count > 0)
        {
            services.AddHostedService<AgentHeartbeats>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapAgents(this IEndpointRouteBuilder app)
    {
        // Resolved per request, not at start: the endpoint needs the rules' evaluator, which reads the store.
        app.MapPost(AgentReportEndpoint.Route, (HttpContext context) => context.RequestServices.GetRequiredService<AgentReportEndpoint>().HandleAsync(context));
        return app;
    }

    /// <summary>
    /// The configured rules with the agents' stale limit in their quorums, plus <c>location-stale</c> (major, no
    /// category: the technical contacts) when agents are configured.
    /// </summary>
    public static IReadOnlyList<AlertRule> WithLocations(IReadOnlyList<AlertRule> rules, MonitorOptions options)
    {
        var staleAfter = Duration.Parse(options.Agents.StaleAfter);
        var list = rules.Select(r => r.Quorum is null ? r : r with { Quorum = r.Quorum with { StaleAfter = StaleAfter(r.Signal, options), ConfirmFor = Interval(r.Signal, options) } }).ToList();
        if (options.Agents.Locations.Count > 0 && list.All(r => r.Name != StaleRule))
        {
            list.Add(new AlertRule(StaleRule, AgentReportEndpoint.HeartbeatPrefix + "*",
                new FreshnessCondition(staleAfter, FreshnessSource.LastSuccess), Severity.Major, AlertCategory.None));
        }

        return list;
    }

    /// <summary>
    /// How long one target may go without a result from a location before that location is stale for the target:
    /// <c>monitor:agents:staleAfter</c>, or two of the target's intervals when that is longer.
    /// </summary>
    public static TimeSpan StaleAfter(string target, MonitorOptions options)
    {
        var staleAfter = Duration.Parse(options.Agents.StaleAfter);
        return TimeSpan.FromTicks(Math.Max(staleAfter.Ticks, Interval(target, options).Ticks * 2));
    }

    /// <summary>
    /// The target's interval (zero for a cron schedule): how long a location fails alone before "unreachable from"
    /// fires, so that the other locations' results of the same round arrive first.
    /// </summary>
    public static TimeSpan Interval(string target, MonitorOptions options)
    {
        var interval = options.Targets.Http.Where(t => t.Name == target && string.IsNullOrWhiteSpace(t.Cron)).Select(t => t.Interval)
            .Concat(options.Targets.Feeds.Where(f => f.Name == target && string.IsNullOrWhiteSpace(f.Cron)).Select(f => f.Interval))
            .FirstOrDefault();
        return interval is null ? TimeSpan.Zero : Duration.Parse(interval);
    }
}
