using System.Data.Common;
using Monitor.Alerting;
using Monitor.Incidents.Lifecycle;
using Monitor.Incidents.Spool;
using Monitor.Notifications.Outbox;
using Monitor.Rules.Alerts;
using Monitor.Rules.Incidents;
using Monitor.Storage;

namespace Monitor.Incidents;

/// <summary>
/// Turns alert transitions into incident steps. Each transition is one transaction: load the incident of
/// the alert's group (its problem, or the alert alone), decide with <see cref="IncidentLifecycle"/>, store the
/// new state and the outbox messages together. Inhibition is judged against the alerts firing now. Transitions are
/// written in order through <see cref="PendingTransitions"/>: when the store is unreachable they wait there (and in its
/// spool on disk) and are written by the next call or tick. Only transient database errors hold a transition; any
/// other error drops it, as retrying would fail the same way for ever. A replay of the one transition the store took
/// just before a crash is harmless: a firing alert already in the open incident only joins it, and the outbox's
/// idempotency keys do not send a message twice.
/// </summary>
internal sealed partial class AlertIntake(
    IMonitorStore store,
    IncidentSettings settings,
    IncidentApplier applier,
    IncidentContexts contexts,
    OutboxSignal signal,
    PendingTransitions pending,
    ILogger<AlertIntake> logger) : IAlertSink
{
    public async Task HandleAsync(IReadOnlyList<AlertTransition> transitions, CancellationToken cancellationToken)
    {
        // Behind any transition still waiting for the store, so incidents see transitions in order. Alerts that
        // fire at the same evaluation go worst first, so an incident opens at its worst level instead of escalating at once.
        pending.Add([.. transitions.OrderBy(t => t.At).ThenByDescending(t => t.Kind == TransitionKind.Firing ? new IncidentLevel(t.Severity, t.Category).Rank : -1)]);
        await WritePendingAsync(cancellationToken);
        signal.Notify();
    }

    private readonly SemaphoreSlim _pendingGate = new(1, 1);

    /// <summary>How many transitions wait for the store.</summary>
    public int PendingTransitions => pending.Count;

    /// <summary>Writes the transitions that wait for the store, if any.</summary>
    public async Task FlushPendingAsync(CancellationToken cancellationToken)
    {
        if (!pending.Loaded || pending.Count > 0)
        {
            await WritePendingAsync(cancellationToken);
            signal.Notify();
        }
    }

    private async Task WritePendingAsync(CancellationToken cancellationToken)
    {
        await _pendingGate.WaitAsync(cancellationToken);
        try
        {
            pending.Load();
            while (pending.TryPeek(out var t))
            {
                var taken = 1;
                try
                {
                    if (t.Kind == TransitionKind.Firing)
                    {
                        var together = SameMoment(t);
                        taken = together.Count;
                        await store.WriteAsync(tx => OnFiring(tx, together), cancellationToken);
                    }
                    else if (t.Kind == TransitionKind.Resolved)
                    {
                        await store.WriteAsync(tx => OnResolved(tx, t), cancellationToken);
                    }
                }
                catch (DbException e) when (e.IsTransient)
                {
                    pending.Hold(e.Message);
                    throw;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    pending.Done(taken);
                    throw;
                }

                pending.Done(taken);
            }
        }
        finally
        {
            _pendingGate.Release();
        }
    }

    /// <summary>The firing transitions at the head of the queue that share the first one's moment and group: they open one incident together.</summary>
    private List<AlertTransition> SameMoment(AlertTransition first)
    {
        var key = settings.Key(settings.Labels(first.Rule, first.Signal, first.Severity, first.Category), first.Fingerprint);
        return pending.Head(t => t.Kind == TransitionKind.Firing && t.At == first.At
            && settings.Key(settings.Labels(t.Rule, t.Signal, t.Severity, t.Category), t.Fingerprint) == key);
    }

    /// <summary>
    /// Judges inhibition again against the alerts that count now, as after a reload changed the inhibition rules:
    /// alerts a firing source now explains stop counting, and inhibited alerts that nothing explains any more count
    /// again, as if they fired now.
    /// </summary>
    public async Task RejudgeInhibitionAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await store.WriteAsync(tx =>
        {
            if (settings.Inhibitor.Rules.Count > 0)
            {
                foreach (var source in Firing(tx).Select(f => f.Labels).ToList())
                {
                    InhibitOthers(tx, source, now);
                }
            }

            ReleaseInhibited(tx, now);
            return 0;
        }, cancellationToken);
        signal.Notify();
    }

    /// <summary>Alerts of one group firing at one moment (usually one).</summary>
    private long OnFiring(IStoreTransaction tx, IReadOnlyList<AlertTransition> transitions)
    {
        var first = transitions[0];
        var labels = settings.Labels(first.Rule, first.Signal, first.Severity, first.Category);
        var firing = settings.Inhibitor.Rules.Count == 0 ? [] : Firing(tx).Select(f => f.Labels).ToList();
        var alerts = new List<IncidentAlert>();
        var sources = new List<AlertLabels>();
        foreach (var t in transitions)
        {
            var own = settings.Labels(t.Rule, t.Signal, t.Severity, t.Category);
            var source = settings.Inhibitor.InhibitedBy(own, firing.Where(f => !(f.Rule == t.Rule && f.Signal == t.Signal)));
            alerts.Add(new IncidentAlert(t.Fingerprint, t.Rule, t.Signal, t.Severity, t.Category, true, source is not null, t.ActiveSince, t.At,
                t.Summary, IncidentFigures.From(t.Figures).ToJson()));
            if (source is null)
            {
                sources.Add(own);
            }

            LogFired(t.Rule, t.Signal, source is null ? "" : $" (inhibited by {source.Rule} on {source.Signal})");
        }

        var record = FireInto(tx, settings.Key(labels, first.Fingerprint), labels.Problem, alerts, first.At);
        LogIncident(record.DisplayId, record.Severity.ToName(), record.Category.ToName());
        if (settings.Inhibitor.Rules.Count > 0)
        {
            sources.ForEach(source => InhibitOthers(tx, source, first.At));
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

    private IncidentRecord FireInto(IStoreTransaction tx, string key, string problem, IReadOnlyList<IncidentAlert> alerts, DateTimeOffset now)
    {
        var alert = alerts[0];
        var open = tx.Incidents.FindOpen(key);
        var window = settings.Policy.ReopenWindow;
        var recent = open is null && window > TimeSpan.Zero ? tx.Incidents.FindResolvedSince(key, now - window) : null;
        var record = open ?? recent;
        var members = record is null ? [] : tx.Incidents.Members(record.Id);
        var state = record is null ? null : IncidentStateMap.ToState(record, members, tx.Cases.ForIncident(record.Id));
        var probe = record ?? new IncidentRecord { Rule = alert.Rule, Signal = alert.Signal, Category = alert.Category, Problem = problem.Length > 0 ? problem : null };
        var withAlert = members.Where(m => alerts.All(a => a.Fingerprint != m.Fingerprint)).Concat(alerts.Select(a => IncidentStateMap.ToMember(probe.Id, a))).ToList();
        var decision = IncidentLifecycle.Fire(open is null ? null : state, open is null ? state : null, key, problem.Length > 0 ? problem : null, alerts,
            settings.Policy, contexts.For(tx, probe, withAlert, now));
        return applier.Apply(tx, record, decision, now);
    }

    /// <summary>A source alert started firing: alerts it explains stop counting.</summary>
    private void InhibitOthers(IStoreTransaction tx, AlertLabels source, DateTimeOffset now)
    {
        foreach (var (record, alert, labels) in Firing(tx))
        {
            if (!(alert.Rule == source.Rule && alert.Signal == source.Signal) && settings.Inhibitor.Rules.Any(r => r.Inhibits(source, labels)))
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
                    var alert = IncidentStateMap.ToAlert(member) with { Inhibited = false };
                    FireInto(tx, record.GroupKey, record.Problem ?? "", [alert], now);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Rule} on {Signal} firing{Inhibited}")]
    private partial void LogFired(string rule, string signal, string inhibited);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {Incident} open at {Severity} {Category}")]
    private partial void LogIncident(string incident, string severity, string category);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {Incident} resolved")]
    private partial void LogResolved(string incident);
}
