using Monitor.Alerting;
using Monitor.Incidents.Lifecycle;
using Monitor.Notifications.Outbox;
using Monitor.Rules.Alerts;
using Monitor.Rules.Incidents;
using Monitor.Storage;

namespace Monitor.Incidents;

/// <summary>
/// Turns alert transitions into incident steps. Each transition is one transaction: load the incident of
/// the alert's group (its problem, or the alert alone), decide with <see cref="IncidentLifecycle"/>, store the
/// new state and the outbox messages together. Inhibition is judged against the alerts firing now.
/// </summary>
internal sealed partial class AlertIntake(
    IMonitorStore store,
    IncidentSettings settings,
    IncidentApplier applier,
    IncidentContexts contexts,
    OutboxSignal signal,
    ILogger<AlertIntake> logger) : IAlertSink
{
    public async Task HandleAsync(IReadOnlyList<AlertTransition> transitions, CancellationToken cancellationToken)
    {
        // Behind any transition still waiting for the store, so incidents see transitions in order.
        Enqueue(transitions);
        await WritePendingAsync(cancellationToken);
        signal.Notify();
    }

    private long OnFiring(IStoreTransaction tx, AlertTransition t)
    {
        var labels = settings.Labels(t.Rule, t.Signal, t.Severity, t.Category);
        var source = settings.Inhibitor.Rules.Count == 0 ? null
            : settings.Inhibitor.InhibitedBy(labels, Firing(tx).Where(f => f.Alert.Fingerprint != t.Fingerprint).Select(f => f.Labels));
        var alert = new IncidentAlert(t.Fingerprint, t.Rule, t.Signal, t.Severity, t.Category, true, source is not null, t.ActiveSince, t.At,
            t.Summary, IncidentFigures.From(t.Figures).ToJson());
        var record = FireInto(tx, settings.Key(labels, t.Fingerprint), labels.Problem, alert, t.At);
        LogFired(record.DisplayId, t.Rule, t.Signal, record.Severity.ToName(), source is null ? "" : $" (inhibited by {source.Rule} on {source.Signal})");
        if (source is null && settings.Inhibitor.Rules.Count > 0)
        {
            InhibitOthers(tx, labels, t.At);
        }

        return record.Id;
    }

    private long OnResolved(IStoreTransaction tx, AlertTransition t)
    {
        var labels = settings.Labels(t.Rule, t.Signal, t.Severity, t.Category);
        var record = tx.Incidents.FindOpen(settings.Key(labels, t.Fingerprint));
        if (record is null)
        {
            return 0;
        }

        var members = tx.Incidents.Members(record.Id);
        if (members.All(m => m.Fingerprint != t.Fingerprint))
        {
            return record.Id;
        }

        var state = IncidentStateMap.ToState(record, members, tx.Cases.ForIncident(record.Id));
        var alert = state.Alerts.First(a => a.Fingerprint == t.Fingerprint) with { Summary = t.Summary, Figures = IncidentFigures.From(t.Figures).ToJson() };
        var decision = IncidentLifecycle.Resolve(state, alert, settings.Policy, contexts.For(tx, record, members, t.At));
        applier.Apply(tx, record, decision, t.At);
        if (!decision.State.IsOpen)
        {
            LogResolved(record.DisplayId);
        }

        if (settings.Inhibitor.Rules.Count > 0)
        {
            ReleaseInhibited(tx, t.At);
        }

        return record.Id;
    }

    private IncidentRecord FireInto(IStoreTransaction tx, string key, string problem, IncidentAlert alert, DateTimeOffset now)
    {
        var open = tx.Incidents.FindOpen(key);
        var window = settings.Policy.ReopenWindow;
        var recent = open is null && window > TimeSpan.Zero ? tx.Incidents.FindResolvedSince(key, now - window) : null;
        var record = open ?? recent;
        var members = record is null ? [] : tx.Incidents.Members(record.Id);
        var state = record is null ? null : IncidentStateMap.ToState(record, members, tx.Cases.ForIncident(record.Id));
        var probe = record ?? new IncidentRecord { Rule = alert.Rule, Signal = alert.Signal, Category = alert.Category, Problem = problem.Length > 0 ? problem : null };
        var withAlert = members.Where(m => m.Fingerprint != alert.Fingerprint).Append(IncidentStateMap.ToMember(probe.Id, alert)).ToList();
        var decision = IncidentLifecycle.Fire(open is null ? null : state, open is null ? state : null, key, problem.Length > 0 ? problem : null, alert,
            settings.Policy, contexts.For(tx, probe, withAlert, now));
        return applier.Apply(tx, record, decision, now);
    }

    /// <summary>A source alert started firing: alerts it explains stop counting.</summary>
    private void InhibitOthers(IStoreTransaction tx, AlertLabels source, DateTimeOffset now)
    {
        foreach (var (record, alert, labels) in Firing(tx))
        {
            if (settings.Inhibitor.Rules.Any(r => r.Inhibits(source, labels)))
            {
                var members = tx.Incidents.Members(record.Id);
                var current = tx.Incidents.Get(record.Id)!;
                var state = IncidentStateMap.ToState(current, members, tx.Cases.ForIncident(record.Id));
                var decision = IncidentLifecycle.Inhibit(state, alert, $"{source.Rule} on {source.Signal}", settings.Policy, contexts.For(tx, current, members, now));
                applier.Apply(tx, current, decision, now);
            }
        }
    }

    /// <summary>A source alert stopped firing: the alerts it explained count again, as if they fired now.</summary>
    private void ReleaseInhibited(IStoreTransaction tx, DateTimeOffset now)
    {
        var firing = Firing(tx).Select(f => f.Labels).ToList();
        foreach (var record in tx.Incidents.ListOpen())
        {
            foreach (var member in tx.Incidents.Members(record.Id).Where(m => m is { Firing: true, Inhibited: true }))
            {
                var labels = settings.Labels(member.Rule, member.Signal, member.Severity, member.Category);
                if (settings.Inhibitor.InhibitedBy(labels, firing.Where(f => !(f.Rule == member.Rule && f.Signal == member.Signal))) is null)
                {
                    var alert = IncidentStateMap.ToState(record, [member], null).Alerts[0] with { Inhibited = false };
                    FireInto(tx, record.GroupKey, record.Problem ?? "", alert, now);
                }
            }
        }
    }

    /// <summary>The alerts that count now (firing, not inhibited), with their incident and labels.</summary>
    private List<(IncidentRecord Record, IncidentAlert Alert, AlertLabels Labels)> Firing(IStoreTransaction tx)
    {
        var list = new List<(IncidentRecord, IncidentAlert, AlertLabels)>();
        foreach (var record in tx.Incidents.ListOpen())
        {
            var state = IncidentStateMap.ToState(record, tx.Incidents.Members(record.Id), null);
            foreach (var alert in state.Alerts.Where(a => a.Counts))
            {
                list.Add((record, alert, settings.Labels(alert.Rule, alert.Signal, alert.Severity, alert.Category)));
            }
        }

        return list;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {Incident}: {Rule} on {Signal} firing; incident at {Severity}{Inhibited}")]
    private partial void LogFired(string incident, string rule, string signal, string severity, string inhibited);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {Incident} resolved")]
    private partial void LogResolved(string incident);
}
