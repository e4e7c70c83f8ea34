using Monitor.Rules.Incidents;
using Monitor.Storage;

namespace Monitor.Incidents.Lifecycle;

/// <summary>Runs one lifecycle step on a stored incident inside the caller's transaction: load, decide, apply.</summary>
internal sealed class IncidentSteps(IncidentSettings settings, IncidentApplier applier, IncidentContexts contexts)
{
    public IncidentDecision Run(IStoreTransaction tx, IncidentRecord record, DateTimeOffset now,
        Func<IncidentState, IncidentPolicy, IncidentContext, IncidentDecision> step)
    {
        var members = tx.Incidents.Members(record.Id);
        var state = IncidentStateMap.ToState(record, members, tx.Cases.ForIncident(record.Id));
        var decision = step(state, settings.Policy, contexts.For(tx, record, members, now));
        if (decision.Effects.Count > 0 || decision.State with { UpdatedAt = state.UpdatedAt } != state)
        {
            applier.Apply(tx, record, decision, now);
        }

        return decision;
    }
}
