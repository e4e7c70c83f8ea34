using Monitor.Rules.Incidents;
using Monitor.Storage;

namespace Monitor.Incidents.Lifecycle;

/// <summary>Maps the stored incident, its members and its case to the lifecycle's state and back.</summary>
internal static class IncidentStateMap
{
    public static IncidentState ToState(IncidentRecord i, IReadOnlyList<IncidentMember> members, CaseRecord? c) => new()
    {
        Id = i.Id,
        Key = i.GroupKey,
        Problem = i.Problem,
        Phase = i.Status == IncidentStatus.Open ? IncidentPhase.Open : IncidentPhase.Resolved,
        Level = new IncidentLevel(i.Severity, i.Category),
        Announced = i.AnnouncedSeverity is { } s && i.AnnouncedCategory is { } a ? new IncidentLevel(s, a)
            : i.Notified ? new IncidentLevel(i.Severity, i.Category) : null,
        Rule = i.Rule,
        Signal = i.Signal,
        Fingerprint = i.Fingerprint,
        Summary = i.Summary,
        OpenedAt = i.OpenedAt,
        Since = i.Since,
        ResolvedAt = i.ResolvedAt,
        UpdatedAt = i.UpdatedAt,
        Reopened = i.Reopened,
        AcknowledgedAt = i.AcknowledgedAt,
        AcknowledgedBy = i.AcknowledgedBy,
        EscalationLevel = i.EscalationLevel,
        NextReminderAt = i.NextReminderAt,
        EscalateAt = i.EscalateAt,
        Held = i.HeldNotice switch
        {
            "opening" => HeldNotice.Opening,
            "reopened" => HeldNotice.Reopened,
            "resolved" => HeldNotice.Resolved,
            _ => HeldNotice.None,
        },
        Alerts = [.. members.Select(ToAlert)],
        Case = c is null ? null : new CaseState(c.Id, c.Kind, c.Status switch
        {
            CaseStatus.Pending => CasePhase.Pending,
            CaseStatus.Drafted => CasePhase.Drafted,
            CaseStatus.Submitted => CasePhase.Submitted,
            CaseStatus.Resolved => CasePhase.Resolved,
            _ => CasePhase.Cancelled,
        }, c.CreatedAt, c.DueAt, c.SubmittedAt, c.ResolvedAt, c.UpdatedAt),
    };

    /// <summary>Copies the state onto the incident row (the message counter and thread stay the store's).</summary>
    public static void Write(IncidentState s, IncidentRecord i)
    {
        i.GroupKey = s.Key;
        i.Problem = s.Problem;
        i.Status = s.IsOpen ? IncidentStatus.Open : IncidentStatus.Resolved;
        i.Severity = s.Level.Severity;
        i.Category = s.Level.Category;
        i.Urgent = s.Level.IsUrgent;
        i.AnnouncedSeverity = s.Announced?.Severity;
        i.AnnouncedCategory = s.Announced?.Category;
        i.Notified = s.Notified;
        i.Rule = s.Rule;
        i.Signal = s.Signal;
        i.Fingerprint = s.Fingerprint;
        i.Summary = s.Summary;
        i.FiguresJson = s.Alerts.FirstOrDefault(a => a.Fingerprint == s.Fingerprint)?.Figures ?? i.FiguresJson;
        i.OpenedAt = s.OpenedAt;
        i.Since = s.Since;
        i.ResolvedAt = s.ResolvedAt;
        i.UpdatedAt = s.UpdatedAt;
        i.Reopened = s.Reopened;
        i.AcknowledgedAt = s.AcknowledgedAt;
        i.AcknowledgedBy = s.AcknowledgedBy;
        i.EscalationLevel = s.EscalationLevel;
        i.NextReminderAt = s.NextReminderAt;
        i.EscalateAt = s.EscalateAt;
        i.HeldNotice = s.Held switch
        {
            HeldNotice.Opening => "opening",
            HeldNotice.Reopened => "reopened",
            HeldNotice.Resolved => "resolved",
            _ => null,
        };
    }

    public static IncidentAlert ToAlert(IncidentMember m) =>
        new(m.Fingerprint, m.Rule, m.Signal, m.Severity, m.Category, m.Firing, m.Inhibited, m.Since, m.UpdatedAt, m.Summary, m.FiguresJson);

    public static IncidentMember ToMember(long incidentId, IncidentAlert a) =>
        new(incidentId, a.Fingerprint, a.Rule, a.Signal, a.Severity, a.Firing, a.Since, a.UpdatedAt)
        {
            Category = a.Category,
            Inhibited = a.Inhibited,
            Summary = a.Summary,
            FiguresJson = a.Figures,
        };

    /// <summary>Copies the case state onto its row.</summary>
    public static void Write(CaseState c, CaseRecord r)
    {
        r.Kind = c.Kind;
        r.Status = c.Phase switch
        {
            CasePhase.Pending => CaseStatus.Pending,
            CasePhase.Drafted => CaseStatus.Drafted,
            CasePhase.Submitted => CaseStatus.Submitted,
            CasePhase.Resolved => CaseStatus.Resolved,
            _ => CaseStatus.Cancelled,
        };
        r.CreatedAt = c.CreatedAt;
        r.DueAt = c.DueAt;
        r.SubmittedAt = c.SubmittedAt;
        r.ResolvedAt = c.ResolvedAt;
        r.UpdatedAt = c.UpdatedAt;
    }
}
