using System.Globalization;
using System.Data.Common;
using Monitor.Rules.Alerts;

namespace Monitor.Storage.Relational;

/// <summary>Incidents, their members and timeline.</summary>
internal sealed partial class StoreTransaction
{
    private const string IncidentColumns = """
        id, group_key, rule, signal, fingerprint, severity, category, urgent, status, opened_at, since, resolved_at, updated_at,
        acknowledged_at, acknowledged_by, escalation_level, next_reminder_at, escalate_at, notified, held_notice, reopened,
        message_seq, thread_id, summary, figures, problem, announced_severity, announced_category
        """;

    private static IncidentRecord MapIncident(DbDataReader r) => new()
    {
        Id = Long(r, "id"),
        GroupKey = Text(r, "group_key"),
        Rule = Text(r, "rule"),
        Signal = Text(r, "signal"),
        Fingerprint = Text(r, "fingerprint"),
        Severity = (Severity)Int(r, "severity"),
        Category = (AlertCategory)Int(r, "category"),
        Urgent = Bool(r, "urgent"),
        Status = (IncidentStatus)Int(r, "status"),
        OpenedAt = Time(r, "opened_at"),
        Since = Time(r, "since"),
        ResolvedAt = OptionalTime(r, "resolved_at"),
        UpdatedAt = Time(r, "updated_at"),
        AcknowledgedAt = OptionalTime(r, "acknowledged_at"),
        AcknowledgedBy = OptionalText(r, "acknowledged_by"),
        EscalationLevel = Int(r, "escalation_level"),
        NextReminderAt = OptionalTime(r, "next_reminder_at"),
        EscalateAt = OptionalTime(r, "escalate_at"),
        Notified = Bool(r, "notified"),
        HeldNotice = OptionalText(r, "held_notice"),
        Reopened = Int(r, "reopened"),
        MessageSeq = Int(r, "message_seq"),
        ThreadId = OptionalText(r, "thread_id"),
        Summary = Text(r, "summary"),
        FiguresJson = Text(r, "figures"),
        Problem = OptionalText(r, "problem"),
        AnnouncedSeverity = OptionalLong(r, "announced_severity") is { } s ? (Severity)s : null,
        AnnouncedCategory = OptionalLong(r, "announced_category") is { } c ? (AlertCategory)c : null,
    };

    private static (string, object?)[] IncidentParameters(IncidentRecord i) =>
    [
        ("@id", i.Id), ("@group_key", i.GroupKey), ("@rule", i.Rule), ("@signal", i.Signal), ("@fingerprint", i.Fingerprint),
        ("@severity", i.Severity), ("@category", i.Category), ("@urgent", i.Urgent), ("@status", i.Status),
        ("@opened_at", i.OpenedAt), ("@since", i.Since), ("@resolved_at", i.ResolvedAt), ("@updated_at", i.UpdatedAt),
        ("@acknowledged_at", i.AcknowledgedAt), ("@acknowledged_by", i.AcknowledgedBy), ("@escalation_level", i.EscalationLevel),
        ("@next_reminder_at", i.NextReminderAt), ("@escalate_at", i.EscalateAt), ("@notified", i.Notified),
        ("@held_notice", i.HeldNotice), ("@reopened", i.Reopened), ("@message_seq", i.MessageSeq), ("@thread_id", i.ThreadId),
        ("@summary", i.Summary), ("@figures", i.FiguresJson), ("@problem", i.Problem),
        ("@announced_severity", i.AnnouncedSeverity is { } s ? (long)s : null), ("@announced_category", i.AnnouncedCategory is { } c ? (long)c : null),
    ];

    IncidentRecord? IIncidentRepository.Get(long id) =>
        Query($"SELECT {IncidentColumns} FROM incidents WHERE id = @id", MapIncident, ("@id", id)).FirstOrDefault();

    IncidentRecord? IIncidentRepository.FindOpen(string groupKey) =>
        Query($"SELECT {IncidentColumns} FROM incidents WHERE group_key = @g AND status = 0", MapIncident, ("@g", groupKey)).FirstOrDefault();

    IncidentRecord? IIncidentRepository.FindResolvedSince(string groupKey, DateTimeOffset since) =>
        Query($"SELECT {IncidentColumns} FROM incidents WHERE group_key = @g AND status = 1 AND resolved_at >= @s ORDER BY resolved_at DESC, id DESC LIMIT 1",
            MapIncident, ("@g", groupKey), ("@s", since)).FirstOrDefault();

    IReadOnlyList<IncidentRecord> IIncidentRepository.List(IncidentStatus? status, int limit) => status is null
        ? Query($"SELECT {IncidentColumns} FROM incidents ORDER BY id DESC LIMIT @l", MapIncident, ("@l", limit))
        : Query($"SELECT {IncidentColumns} FROM incidents WHERE status = @s ORDER BY id DESC LIMIT @l", MapIncident, ("@s", status), ("@l", limit));

    IReadOnlyList<IncidentRecord> IIncidentRepository.ListOpen() =>
        Query($"SELECT {IncidentColumns} FROM incidents WHERE status = 0 ORDER BY id", MapIncident);

    IReadOnlyList<IncidentRecord> IIncidentRepository.ListHeld() =>
        Query($"SELECT {IncidentColumns} FROM incidents WHERE held_notice IS NOT NULL ORDER BY id", MapIncident);

    long IIncidentRepository.Insert(IncidentRecord incident)
    {
        var columns = IncidentColumns.Replace("id, group_key", "group_key", StringComparison.Ordinal);
        var values = string.Join(", ", columns.Split(',').Select(c => "@" + c.Trim()));
        incident.Id = InsertReturningId($"INSERT INTO incidents ({columns}) VALUES ({values})", IncidentParameters(incident));
        return incident.Id;
    }

    void IIncidentRepository.Update(IncidentRecord incident)
    {
        var sets = string.Join(", ", IncidentColumns.Split(',').Select(c => c.Trim()).Where(c => c != "id").Select(c => $"{c} = @{c}"));
        if (Execute($"UPDATE incidents SET {sets} WHERE id = @id", IncidentParameters(incident)) != 1)
        {
            throw new InvalidOperationException($"Incident {incident.Id} does not exist.");
        }
    }

    IReadOnlyList<IncidentMember> IIncidentRepository.Members(long incidentId) =>
        Query("SELECT * FROM incident_members WHERE incident_id = @i ORDER BY since, fingerprint", r => new IncidentMember(
            Long(r, "incident_id"), Text(r, "fingerprint"), Text(r, "rule"), Text(r, "signal"), (Severity)Int(r, "severity"),
            Bool(r, "firing"), Time(r, "since"), Time(r, "updated_at"))
        {
            Category = (AlertCategory)Int(r, "category"),
            Inhibited = Bool(r, "inhibited"),
            Summary = Text(r, "summary"),
            FiguresJson = Text(r, "figures"),
        }, ("@i", incidentId));

    void IIncidentRepository.UpsertMember(IncidentMember m) => Execute("""
        INSERT INTO incident_members (incident_id, fingerprint, rule, signal, severity, firing, since, updated_at, category, inhibited, summary, figures)
        VALUES (@i, @f, @r, @s, @sev, @firing, @since, @u, @cat, @inh, @sum, @fig)
        ON CONFLICT(incident_id, fingerprint) DO UPDATE SET severity = excluded.severity, firing = excluded.firing,
            since = excluded.since, updated_at = excluded.updated_at, category = excluded.category, inhibited = excluded.inhibited,
            summary = excluded.summary, figures = excluded.figures
        """, ("@i", m.IncidentId), ("@f", m.Fingerprint), ("@r", m.Rule), ("@s", m.Signal), ("@sev", m.Severity),
        ("@firing", m.Firing), ("@since", m.Since), ("@u", m.UpdatedAt), ("@cat", m.Category), ("@inh", m.Inhibited),
        ("@sum", m.Summary), ("@fig", m.FiguresJson));

    void IIncidentRepository.AddEvent(IncidentEvent e) =>
        Execute("INSERT INTO incident_events (incident_id, at, kind, text) VALUES (@i, @a, @k, @t)",
            ("@i", e.IncidentId), ("@a", e.At), ("@k", e.Kind), ("@t", e.Text));

    IReadOnlyList<IncidentEvent> IIncidentRepository.Timeline(long incidentId) =>
        Query("SELECT incident_id, at, kind, text FROM incident_events WHERE incident_id = @i ORDER BY id",
            r => new IncidentEvent(Long(r, "incident_id"), Time(r, "at"), Text(r, "kind"), Text(r, "text")), ("@i", incidentId));
}
