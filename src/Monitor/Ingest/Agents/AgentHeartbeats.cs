using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Rules.Observations;

namespace Monitor.Ingest.Agents;

/// <summary>
/// At start, one heartbeat for every configured location: an agent that never reports then goes stale
/// <c>staleAfter</c> later, like one that stopped.
/// </summary>
internal sealed class AgentHeartbeats(AgentsOptions options, IServiceProvider services, TimeProvider time) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not in the constructor: the evaluator reads the store, which the daemon lock guards first.
        var evaluator = services.GetRequiredService<AlertEvaluator>();
        var now = time.GetUtcNow();
        foreach (var location in options.Locations)
        {
            evaluator.Record(new Observation(AgentReportEndpoint.HeartbeatPrefix + location.Name, now, true));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
