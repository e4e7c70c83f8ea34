using Monitor.Incidents;
using Monitor.Storage;

namespace Monitor.Metrics;

/// <summary>
/// Reads the incident store just before each scrape and sets the gauges it alone knows: incidents by
/// state, severity and category, outbox depth and maintenance. Reading at scrape time keeps the
/// figures exact without a timer, and the command line's writes show up too.
/// </summary>
internal sealed partial class IncidentMetrics(MonitorMetrics metrics, IIncidentStore store, ILogger<IncidentMetrics> logger)
{
    private readonly HashSet<(string State, string Severity, string Category)> _seen = [];

    /// <summary>Hooks the refresh into the registry's collection, once per daemon.</summary>
    public static void Attach(IServiceProvider services)
    {
        var self = services.GetRequiredService<IncidentMetrics>();
        services.GetRequiredService<MonitorMetrics>().Registry.AddBeforeCollectCallback(self.RefreshAsync);
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var open = await store.ListAsync(IncidentStatus.Open, 1000, cancellationToken);
            var outbox = await store.OutboxAsync(cancellationToken);
            var maintenance = await store.MaintenanceAsync(cancellationToken);
            var counts = open.GroupBy(i => (State: i.Acknowledged ? "acknowledged" : "open", i.Severity, i.Category))
                .ToDictionary(g => g.Key, g => g.Count());
            lock (_seen)
            {
                // A combination that had incidents and has none now reads 0 rather than vanishing.
                _seen.UnionWith(counts.Keys);
                foreach (var key in _seen)
                {
                    metrics.Incidents.WithLabels(key.State, key.Severity, key.Category).Set(counts.GetValueOrDefault(key));
                }
            }

            metrics.OutboxDepth.Set(outbox.Pending);
            metrics.MaintenanceActive.Set(maintenance.Active ? 1 : 0);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A scrape must not fail because the store is busy: the gauges keep their last values.
            LogRefreshFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics: incident figures could not be read from the store; keeping the last values")]
    private partial void LogRefreshFailed(Exception exception);
}
