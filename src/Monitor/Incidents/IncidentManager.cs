using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Incidents.Acknowledgement;
using Monitor.Incidents.Calendar;
using Monitor.Incidents.Cases;
using Monitor.Incidents.Maintenance;
using Monitor.Notifications;
using Monitor.Notifications.Email;
using Monitor.Notifications.Outbox;
using Monitor.Rules.Alerts;
using Monitor.Storage;

namespace Monitor.Incidents;

/// <summary>
/// Turns alert transitions into incidents, and incidents into messages and cases. Every decision reads
/// and writes the store in one transaction, and every message it causes is written to the outbox in that
/// same transaction; the delivery worker sends them. Nothing is kept in memory, so the command line
/// (ack, maintenance) and the daemon can change the same store.
/// </summary>
internal sealed partial class IncidentManager(
    IMonitorStore store,
    MonitorOptions options,
    IncidentRouter router,
    MaintenanceCalendar maintenance,
    SupportCalendar calendar,
    IncidentEmailComposer composer,
    CaseEvidence evidence,
    AckLinks ackLinks,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<IncidentManager> logger) : IAlertSink
{
    private TimeSpan ReopenWindow => Duration.Parse(options.Incidents.ReopenWindow);

    private TimeSpan RepeatInterval => Duration.Parse(options.Incidents.RepeatInterval);

    private TimeSpan EscalateAfter => Duration.Parse(options.Incidents.Escalation.After);

    public async Task HandleAsync(IReadOnlyList<AlertTransition> transitions, CancellationToken cancellationToken)
    {
        // Behind any transition still waiting for the store, so incidents see transitions in order.
        Enqueue(transitions);
        await WritePendingAsync(cancellationToken);
        signal.Notify();
    }

    /// <summary>The grouping key of an alert: its fingerprint, or its category and target.</summary>
    public string GroupKey(AlertTransition t) =>
        string.Equals(options.Incidents.GroupBy, "category-target", StringComparison.OrdinalIgnoreCase)
            ? $"category:{t.Category.ToName()}|target:{t.Signal}"
            : "fingerprint:" + t.Fingerprint;

    private long OnFiring(IStoreTransaction tx, AlertTransition t)
    {
        var now = t.At;
        var key = GroupKey(t);
        var open = tx.Incidents.FindOpen(key);
        if (open is not null)
        {
            var existing = tx.Incidents.Members(open.Id).FirstOrDefault(m => m.Fingerprint == t.Fingerprint);
            tx.Incidents.UpsertMember(new IncidentMember(open.Id, t.Fingerprint, t.Rule, t.Signal, t.Severity, true, existing?.Since ?? t.ActiveSince, now));
            if (existing is not { Firing: true })
            {
                Event(tx, open, now, "alert", $"{t.Rule} on {t.Signal} firing: {t.Summary}");
            }

            open.Severity = (Severity)Math.Max((int)open.Severity, (int)t.Severity);
            open.Urgent |= t.IsUrgent;
            Measure(open, t, now);
            tx.Incidents.Update(open);
            return open.Id;
        }

        var window = ReopenWindow;
        var previous = window > TimeSpan.Zero ? tx.Incidents.FindResolvedSince(key, now - window) : null;
        if (previous is not null)
        {
            Reopen(tx, previous, t, now);
            return previous.Id;
        }

        var incident = new IncidentRecord
        {
            GroupKey = key,
            Rule = t.Rule,
            Signal = t.Signal,
            Fingerprint = t.Fingerprint,
            Severity = t.Severity,
            Category = t.Category,
            Urgent = t.IsUrgent,
            Status = IncidentStatus.Open,
            OpenedAt = now,
            Since = t.ActiveSince == default ? now : t.ActiveSince,
        };
        Measure(incident, t, now);
        tx.Incidents.Insert(incident);
        tx.Incidents.UpsertMember(new IncidentMember(incident.Id, t.Fingerprint, t.Rule, t.Signal, t.Severity, true, incident.Since, now));
        Event(tx, incident, now, "opened", $"Opened: {t.Rule} on {t.Signal} firing ({t.Summary})");
        if (Suppressed(tx, incident, now) is { } reason)
        {
            incident.HeldNotice = "opening";
            Event(tx, incident, now, "held", $"Notifications held: {reason}");
        }
        else
        {
            Announce(tx, incident, now);
        }

        tx.Incidents.Update(incident);
        LogOpened(incident.DisplayId, t.Rule, t.Signal, incident.HeldNotice is not null);
        return incident.Id;
    }

    private void Reopen(IStoreTransaction tx, IncidentRecord incident, AlertTransition t, DateTimeOffset now)
    {
        incident.Status = IncidentStatus.Open;
        incident.ResolvedAt = null;
        incident.Reopened++;
        incident.Severity = (Severity)Math.Max((int)incident.Severity, (int)t.Severity);
        incident.Urgent |= t.IsUrgent;
        Measure(incident, t, now);
        var existing = tx.Incidents.Members(incident.Id).FirstOrDefault(m => m.Fingerprint == t.Fingerprint);
        tx.Incidents.UpsertMember(new IncidentMember(incident.Id, t.Fingerprint, t.Rule, t.Signal, t.Severity, true, existing?.Since ?? t.ActiveSince, now));
        Event(tx, incident, now, "reopened", $"Firing again (flap {incident.Reopened}): {t.Rule} on {t.Signal} ({t.Summary})");

        var reason = Suppressed(tx, incident, now);
        if (incident.HeldNotice == "resolved")
        {
            // People were never told it resolved: from their side it is still the same firing incident.
            incident.HeldNotice = null;
        }
        else if (reason is not null)
        {
            incident.HeldNotice = incident.Notified ? "reopened" : "opening";
            Event(tx, incident, now, "held", $"Notifications held: {reason}");
        }
        else if (incident.Notified)
        {
            RestartTimers(incident, now);
            Notice(tx, incident, "reopened", now);
        }
        else
        {
            Announce(tx, incident, now);
        }

        // One case per incident: a flap brings the same case back, never a new one.
        if (tx.Cases.ForIncident(incident.Id) is { } existingCase)
        {
            ReviveCase(tx, existingCase, incident, now);
        }

        tx.Incidents.Update(incident);
        LogReopened(incident.DisplayId, incident.Reopened);
    }

    private long OnResolved(IStoreTransaction tx, AlertTransition t)
    {
        var now = t.At;
        var incident = tx.Incidents.FindOpen(GroupKey(t));
        if (incident is null)
        {
            return 0;
        }

        var members = tx.Incidents.Members(incident.Id);
        var member = members.FirstOrDefault(m => m.Fingerprint == t.Fingerprint);
        if (member is null)
        {
            return incident.Id;
        }

        tx.Incidents.UpsertMember(member with { Firing = false, UpdatedAt = now });
        incident.Summary = t.Summary;
        incident.UpdatedAt = now;
        if (members.Any(m => m.Fingerprint != t.Fingerprint && m.Firing))
        {
            Event(tx, incident, now, "alert", $"{t.Rule} on {t.Signal} recovered; other alerts still firing");
            tx.Incidents.Update(incident);
            return incident.Id;
        }

        incident.Status = IncidentStatus.Resolved;
        incident.ResolvedAt = now;
        incident.NextReminderAt = null;
        incident.EscalateAt = null;
        Event(tx, incident, now, "resolved", $"Resolved: {t.Rule} on {t.Signal} ({t.Summary})");
        if (tx.Cases.ForIncident(incident.Id) is { } record)
        {
            CloseCase(tx, record, incident, now);
        }

        switch (incident.HeldNotice)
        {
            case "opening" or "reopened":
                // Started (again) and ended during maintenance or a silence: nothing is released.
                incident.HeldNotice = null;
                Event(tx, incident, now, "dropped", "Resolved while notifications were held: nothing is sent");
                break;
            case null when incident.Notified:
                if (Suppressed(tx, incident, now) is { } reason)
                {
                    incident.HeldNotice = "resolved";
                    Event(tx, incident, now, "held", $"Resolved notice held: {reason}");
                }
                else
                {
                    SendResolved(tx, incident, now);
                }

                break;
        }

        tx.Incidents.Update(incident);
        LogResolved(incident.DisplayId);
        return incident.Id;
    }

    /// <summary>Tells the route's people about a new (or released) incident and opens its case.</summary>
    private void Announce(IStoreTransaction tx, IncidentRecord incident, DateTimeOffset now)
    {
        var route = router.Route(incident.Severity, incident.Category);
        OpenCase(tx, incident, route, now);
        if (route.Digest)
        {
            AddDigest(tx, incident, now, $"FIRING {incident.DisplayId} [{incident.Severity.ToName()}] {incident.Rule} on {incident.Signal}: {incident.Summary}");
            incident.Notified = true;
        }
        else if (route.NotifiesAtOnce && router.Recipients(route, 1).Count > 0)
        {
            RestartTimers(incident, now);
            Notice(tx, incident, incident.Reopened > 0 ? "reopened" : "firing", now);
            incident.Notified = true;
        }
    }

    private void RestartTimers(IncidentRecord incident, DateTimeOffset now)
    {
        if (incident.Acknowledged)
        {
            return;
        }

        var repeat = RepeatInterval;
        incident.NextReminderAt = repeat > TimeSpan.Zero ? now + repeat : null;
        var after = EscalateAfter;
        incident.EscalateAt = after > TimeSpan.Zero && options.Incidents.Escalation.Contacts.Count > 0 && incident.EscalationLevel < 2 ? now + after : null;
    }

    private void SendResolved(IStoreTransaction tx, IncidentRecord incident, DateTimeOffset now)
    {
        var route = router.Route(incident.Severity, incident.Category);
        if (route.Digest)
        {
            AddDigest(tx, incident, now, $"RESOLVED {incident.DisplayId} {incident.Rule} on {incident.Signal}");
        }
        else if (route.NotifiesAtOnce)
        {
            Notice(tx, incident, "resolved", now);
        }

        if (tx.Cases.ForIncident(incident.Id) is { Status: CaseStatus.Resolved, SubmittedAt: not null } record)
        {
            EnqueueCase(tx, record, incident, now, "resolved");
        }
    }

    /// <summary>Why notifications of <paramref name="incident"/> are held now (a maintenance window or a silence), or null.</summary>
    public string? Suppressed(IStoreTransaction tx, IncidentRecord incident, DateTimeOffset now)
    {
        if (maintenance.Active(tx, now) is { Count: > 0 } windows)
        {
            var w = windows[0];
            return $"maintenance ({w.Source}{(w.Reason.Length > 0 ? ": " + w.Reason : "")}) until {w.EndsAt:yyyy-MM-dd HH:mm} UTC";
        }

        var members = tx.Incidents.Members(incident.Id);
        foreach (var silence in tx.Silences.Active(now))
        {
            if (silence.IsActive(now) && (silence.Matches(incident.Rule, incident.Signal, incident.Category)
                || members.Any(m => silence.Matches(m.Rule, m.Signal, incident.Category))))
            {
                return $"silence {silence.Id}{(silence.Reason.Length > 0 ? ": " + silence.Reason : "")} until {silence.EndsAt:yyyy-MM-dd HH:mm} UTC";
            }
        }

        return null;
    }

    private static void Measure(IncidentRecord incident, AlertTransition t, DateTimeOffset now)
    {
        incident.Summary = t.Summary;
        incident.FiguresJson = IncidentFigures.From(t.Figures).ToJson();
        incident.UpdatedAt = now;
    }

    private static void Event(IStoreTransaction tx, IncidentRecord incident, DateTimeOffset at, string kind, string text) =>
        tx.Incidents.AddEvent(new IncidentEvent(incident.Id, at, kind, text));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {Incident} opened: {Rule} on {Signal} (held: {Held})")]
    private partial void LogOpened(string incident, string rule, string signal, bool held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {Incident} firing again (flap {Count})")]
    private partial void LogReopened(string incident, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {Incident} resolved")]
    private partial void LogResolved(string incident);
}
