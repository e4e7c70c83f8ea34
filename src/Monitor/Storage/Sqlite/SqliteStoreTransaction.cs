using System.Globalization;
using Microsoft.Data.Sqlite;
using Monitor.Rules.Alerts;

namespace Monitor.Storage.Sqlite;

/// <summary>All repositories over one SQLite connection and transaction.</summary>
internal sealed partial class SqliteStoreTransaction(SqliteConnection connection, SqliteTransaction transaction)
    : IStoreTransaction, IIncidentRepository, ICaseRepository, IOutboxRepository, IAcknowledgementRepository,
      IMaintenanceRepository, ISilenceRepository, ISettingsRepository, IDigestRepository
{
    public IIncidentRepository Incidents => this;

    public ICaseRepository Cases => this;

    public IOutboxRepository Outbox => this;

    public IAcknowledgementRepository Acknowledgements => this;

    public IMaintenanceRepository Maintenance => this;

    public ISilenceRepository Silences => this;

    public ISettingsRepository Settings => this;

    public IDigestRepository Digest => this;

    // ---- helpers -------------------------------------------------------------------------------

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, ToDb(value));
        }

        return command;
    }

    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private long InsertReturningId(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql + "; SELECT last_insert_rowid();", parameters);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(map(reader));
        }

        return list;
    }

    private static object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset at => at.ToUnixTimeMilliseconds(),
        bool b => b ? 1 : 0,
        Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
        _ => value,
    };

    private static DateTimeOffset Time(SqliteDataReader r, string column) =>
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(r.GetOrdinal(column)));

    private static DateTimeOffset? OptionalTime(SqliteDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));
    }

    private static string? OptionalText(SqliteDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetString(i);
    }

    private static string Text(SqliteDataReader r, string column) => r.GetString(r.GetOrdinal(column));

    private static long Long(SqliteDataReader r, string column) => r.GetInt64(r.GetOrdinal(column));

    private static int Int(SqliteDataReader r, string column) => r.GetInt32(r.GetOrdinal(column));

    private static bool Bool(SqliteDataReader r, string column) => r.GetInt64(r.GetOrdinal(column)) != 0;

    // ---- incidents -----------------------------------------------------------------------------

    private const string IncidentColumns = """
        id, group_key, rule, signal, fingerprint, severity, category, urgent, status, opened_at, since, resolved_at, updated_at,
        acknowledged_at, acknowledged_by, escalation_level, next_reminder_at, escalate_at, notified, held_notice, reopened,
        message_seq, thread_id, summary, figures
        """;

    private static IncidentRecord MapIncident(SqliteDataReader r) => new()
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
    };

    private static (string, object?)[] IncidentParameters(IncidentRecord i) =>
    [
        ("$id", i.Id), ("$group_key", i.GroupKey), ("$rule", i.Rule), ("$signal", i.Signal), ("$fingerprint", i.Fingerprint),
        ("$severity", i.Severity), ("$category", i.Category), ("$urgent", i.Urgent), ("$status", i.Status),
        ("$opened_at", i.OpenedAt), ("$since", i.Since), ("$resolved_at", i.ResolvedAt), ("$updated_at", i.UpdatedAt),
        ("$acknowledged_at", i.AcknowledgedAt), ("$acknowledged_by", i.AcknowledgedBy), ("$escalation_level", i.EscalationLevel),
        ("$next_reminder_at", i.NextReminderAt), ("$escalate_at", i.EscalateAt), ("$notified", i.Notified),
        ("$held_notice", i.HeldNotice), ("$reopened", i.Reopened), ("$message_seq", i.MessageSeq), ("$thread_id", i.ThreadId),
        ("$summary", i.Summary), ("$figures", i.FiguresJson),
    ];

    IncidentRecord? IIncidentRepository.Get(long id) =>
        Query($"SELECT {IncidentColumns} FROM incidents WHERE id = $id", MapIncident, ("$id", id)).FirstOrDefault();

    IncidentRecord? IIncidentRepository.FindOpen(string groupKey) =>
        Query($"SELECT {IncidentColumns} FROM incidents WHERE group_key = $g AND status = 0", MapIncident, ("$g", groupKey)).FirstOrDefault();

    IncidentRecord? IIncidentRepository.FindResolvedSince(string groupKey, DateTimeOffset since) =>
        Query($"SELECT {IncidentColumns} FROM incidents WHERE group_key = $g AND status = 1 AND resolved_at >= $s ORDER BY resolved_at DESC, id DESC LIMIT 1",
            MapIncident, ("$g", groupKey), ("$s", since)).FirstOrDefault();

    IReadOnlyList<IncidentRecord> IIncidentRepository.List(IncidentStatus? status, int limit) => status is null
        ? Query($"SELECT {IncidentColumns} FROM incidents ORDER BY id DESC LIMIT $l", MapIncident, ("$l", limit))
        : Query($"SELECT {IncidentColumns} FROM incidents WHERE status = $s ORDER BY id DESC LIMIT $l", MapIncident, ("$s", status), ("$l", limit));

    IReadOnlyList<IncidentRecord> IIncidentRepository.ListOpen() =>
        Query($"SELECT {IncidentColumns} FROM incidents WHERE status = 0 ORDER BY id", MapIncident);

    IReadOnlyList<IncidentRecord> IIncidentRepository.ListHeld() =>
        Query($"SELECT {IncidentColumns} FROM incidents WHERE held_notice IS NOT NULL ORDER BY id", MapIncident);

    long IIncidentRepository.Insert(IncidentRecord incident)
    {
        var columns = IncidentColumns.Replace("id, group_key", "group_key", StringComparison.Ordinal);
        var values = string.Join(", ", columns.Split(',').Select(c => "$" + c.Trim()));
        incident.Id = InsertReturningId($"INSERT INTO incidents ({columns}) VALUES ({values})", IncidentParameters(incident));
        return incident.Id;
    }

    void IIncidentRepository.Update(IncidentRecord incident)
    {
        var sets = string.Join(", ", IncidentColumns.Split(',').Select(c => c.Trim()).Where(c => c != "id").Select(c => $"{c} = ${c}"));
        if (Execute($"UPDATE incidents SET {sets} WHERE id = $id", IncidentParameters(incident)) != 1)
        {
            throw new InvalidOperationException($"Incident {incident.Id} does not exist.");
        }
    }

    IReadOnlyList<IncidentMember> IIncidentRepository.Members(long incidentId) =>
        Query("SELECT * FROM incident_members WHERE incident_id = $i ORDER BY since, fingerprint", r => new IncidentMember(
            Long(r, "incident_id"), Text(r, "fingerprint"), Text(r, "rule"), Text(r, "signal"), (Severity)Int(r, "severity"),
            Bool(r, "firing"), Time(r, "since"), Time(r, "updated_at")), ("$i", incidentId));

    void IIncidentRepository.UpsertMember(IncidentMember m) => Execute("""
        INSERT INTO incident_members (incident_id, fingerprint, rule, signal, severity, firing, since, updated_at)
        VALUES ($i, $f, $r, $s, $sev, $firing, $since, $u)
        ON CONFLICT(incident_id, fingerprint) DO UPDATE SET severity = excluded.severity, firing = excluded.firing,
            since = excluded.since, updated_at = excluded.updated_at
        """, ("$i", m.IncidentId), ("$f", m.Fingerprint), ("$r", m.Rule), ("$s", m.Signal), ("$sev", m.Severity),
        ("$firing", m.Firing), ("$since", m.Since), ("$u", m.UpdatedAt));

    void IIncidentRepository.AddEvent(IncidentEvent e) =>
        Execute("INSERT INTO incident_events (incident_id, at, kind, text) VALUES ($i, $a, $k, $t)",
            ("$i", e.IncidentId), ("$a", e.At), ("$k", e.Kind), ("$t", e.Text));

    IReadOnlyList<IncidentEvent> IIncidentRepository.Timeline(long incidentId) =>
        Query("SELECT incident_id, at, kind, text FROM incident_events WHERE incident_id = $i ORDER BY id",
            r => new IncidentEvent(Long(r, "incident_id"), Time(r, "at"), Text(r, "kind"), Text(r, "text")), ("$i", incidentId));

    // ---- cases ---------------------------------------------------------------------------------

    private static CaseRecord MapCase(SqliteDataReader r) => new()
    {
        Id = Long(r, "id"),
        IncidentId = Long(r, "incident_id"),
        Kind = Text(r, "kind"),
        Category = Text(r, "category"),
        Title = Text(r, "title"),
        Status = (CaseStatus)Int(r, "status"),
        CreatedAt = Time(r, "created_at"),
        DueAt = OptionalTime(r, "due_at"),
        SubmittedAt = OptionalTime(r, "submitted_at"),
        ResolvedAt = OptionalTime(r, "resolved_at"),
        UpdatedAt = Time(r, "updated_at"),
        BundlePath = OptionalText(r, "bundle_path"),
    };

    private static (string, object?)[] CaseParameters(CaseRecord c) =>
    [
        ("$id", c.Id), ("$incident_id", c.IncidentId), ("$kind", c.Kind), ("$category", c.Category), ("$title", c.Title),
        ("$status", c.Status), ("$created_at", c.CreatedAt), ("$due_at", c.DueAt), ("$submitted_at", c.SubmittedAt),
        ("$resolved_at", c.ResolvedAt), ("$updated_at", c.UpdatedAt), ("$bundle_path", c.BundlePath),
    ];

    CaseRecord? ICaseRepository.Get(long id) => Query("SELECT * FROM cases WHERE id = $id", MapCase, ("$id", id)).FirstOrDefault();

    CaseRecord? ICaseRepository.ForIncident(long incidentId) =>
        Query("SELECT * FROM cases WHERE incident_id = $i", MapCase, ("$i", incidentId)).FirstOrDefault();

    IReadOnlyList<CaseRecord> ICaseRepository.List(int limit) => Query("SELECT * FROM cases ORDER BY id DESC LIMIT $l", MapCase, ("$l", limit));

    IReadOnlyList<CaseRecord> ICaseRepository.Due(DateTimeOffset now) =>
        Query("SELECT * FROM cases WHERE status = 0 AND due_at <= $n ORDER BY due_at, id", MapCase, ("$n", now));

    long ICaseRepository.Insert(CaseRecord c)
    {
        c.Id = InsertReturningId("""
            INSERT INTO cases (incident_id, kind, category, title, status, created_at, due_at, submitted_at, resolved_at, updated_at, bundle_path)
            VALUES ($incident_id, $kind, $category, $title, $status, $created_at, $due_at, $submitted_at, $resolved_at, $updated_at, $bundle_path)
            """, CaseParameters(c));
        return c.Id;
    }

    void ICaseRepository.Update(CaseRecord c) => Execute("""
        UPDATE cases SET kind = $kind, category = $category, title = $title, status = $status, due_at = $due_at,
            submitted_at = $submitted_at, resolved_at = $resolved_at, updated_at = $updated_at, bundle_path = $bundle_path
        WHERE id = $id
        """, CaseParameters(c));

    // ---- outbox --------------------------------------------------------------------------------

    private static OutboxMessage MapOutbox(SqliteDataReader r)
    {
        var incident = r.GetOrdinal("incident_id");
        return new OutboxMessage
        {
            Id = Long(r, "id"),
            IdempotencyKey = Text(r, "idempotency_key"),
            Stream = Text(r, "stream"),
            Channel = Text(r, "channel"),
            Kind = Text(r, "kind"),
            IncidentId = r.IsDBNull(incident) ? null : r.GetInt64(incident),
            Payload = Text(r, "payload"),
            Status = (OutboxStatus)Int(r, "status"),
            CreatedAt = Time(r, "created_at"),
            AvailableAt = Time(r, "available_at"),
            Attempts = Int(r, "attempts"),
            LastError = OptionalText(r, "last_error"),
            SentAt = OptionalTime(r, "sent_at"),
        };
    }

    bool IOutboxRepository.Enqueue(OutboxMessage m)
    {
        using var command = Command("""
            INSERT INTO outbox (idempotency_key, stream, channel, kind, incident_id, payload, status, created_at, available_at, attempts)
            VALUES ($k, $s, $c, $kind, $i, $p, 0, $created, $available, 0)
            ON CONFLICT(idempotency_key) DO NOTHING
            RETURNING id
            """, ("$k", m.IdempotencyKey), ("$s", m.Stream), ("$c", m.Channel), ("$kind", m.Kind), ("$i", m.IncidentId),
            ("$p", m.Payload), ("$created", m.CreatedAt), ("$available", m.AvailableAt));
        var id = command.ExecuteScalar();
        if (id is null or DBNull)
        {
            return false;
        }

        m.Id = Convert.ToInt64(id, CultureInfo.InvariantCulture);
        m.Status = OutboxStatus.Pending;
        return true;
    }

    IReadOnlyList<OutboxMessage> IOutboxRepository.Due(DateTimeOffset now, int limit) => Query("""
        SELECT o.* FROM outbox o
        WHERE o.status = 0 AND o.available_at <= $n
          AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.status = 0 AND p.stream = o.stream AND p.id < o.id)
        ORDER BY o.id LIMIT $l
        """, MapOutbox, ("$n", now), ("$l", limit));

    void IOutboxRepository.MarkSent(long id, DateTimeOffset at, int attempts) =>
        Execute("UPDATE outbox SET status = 1, sent_at = $a, attempts = $n, last_error = NULL WHERE id = $id", ("$a", at), ("$n", attempts), ("$id", id));

    void IOutboxRepository.Reschedule(long id, int attempts, DateTimeOffset availableAt, string error) =>
        Execute("UPDATE outbox SET attempts = $n, available_at = $a, last_error = $e WHERE id = $id AND status = 0",
            ("$n", attempts), ("$a", availableAt), ("$e", error), ("$id", id));

    void IOutboxRepository.MarkFailed(long id, int attempts, string error) =>
        Execute("UPDATE outbox SET status = 2, attempts = $n, last_error = $e WHERE id = $id", ("$n", attempts), ("$e", error), ("$id", id));

    OutboxMessage? IOutboxRepository.Get(long id) => Query("SELECT * FROM outbox WHERE id = $id", MapOutbox, ("$id", id)).FirstOrDefault();

    IReadOnlyList<OutboxMessage> IOutboxRepository.ForIncident(long incidentId) =>
        Query("SELECT * FROM outbox WHERE incident_id = $i ORDER BY id", MapOutbox, ("$i", incidentId));

    int IOutboxRepository.Count(OutboxStatus status) =>
        Convert.ToInt32(Scalar("SELECT COUNT(*) FROM outbox WHERE status = $s", ("$s", status)), CultureInfo.InvariantCulture);

    DateTimeOffset? IOutboxRepository.NextAvailable() =>
        Scalar("SELECT MIN(available_at) FROM outbox WHERE status = 0") is { } v
            ? DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(v, CultureInfo.InvariantCulture))
            : null;

    DateTimeOffset? IOutboxRepository.OldestPending() =>
        Scalar("SELECT MIN(created_at) FROM outbox WHERE status = 0") is { } v
            ? DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(v, CultureInfo.InvariantCulture))
            : null;

    // ---- acknowledgements ----------------------------------------------------------------------

    bool IAcknowledgementRepository.Add(Acknowledgement a)
    {
        using var command = Command("""
            INSERT INTO acknowledgements (incident_id, at, by, via, comment, nonce) VALUES ($i, $a, $b, $v, $c, $n)
            ON CONFLICT(nonce) DO NOTHING RETURNING id
            """, ("$i", a.IncidentId), ("$a", a.At), ("$b", a.By), ("$v", a.Via), ("$c", a.Comment), ("$n", a.Nonce));
        return command.ExecuteScalar() is not (null or DBNull);
    }

    bool IAcknowledgementRepository.NonceUsed(string nonce) =>
        Scalar("SELECT 1 FROM acknowledgements WHERE nonce = $n", ("$n", nonce)) is not null;

    IReadOnlyList<Acknowledgement> IAcknowledgementRepository.ForIncident(long incidentId) =>
        Query("SELECT * FROM acknowledgements WHERE incident_id = $i ORDER BY id", r => new Acknowledgement(
            Long(r, "incident_id"), Time(r, "at"), Text(r, "by"), Text(r, "via"), OptionalText(r, "comment"), OptionalText(r, "nonce")),
            ("$i", incidentId));

    // ---- maintenance ---------------------------------------------------------------------------

    private static MaintenanceRecord MapMaintenance(SqliteDataReader r) => new()
    {
        Id = Long(r, "id"),
        Kind = Text(r, "kind"),
        Name = Text(r, "name"),
        StartsAt = Time(r, "starts_at"),
        EndsAt = Time(r, "ends_at"),
        Reason = Text(r, "reason"),
        CreatedBy = Text(r, "created_by"),
        StoppedAt = OptionalTime(r, "stopped_at"),
    };

    long IMaintenanceRepository.Insert(MaintenanceRecord m)
    {
        m.Id = InsertReturningId(
            "INSERT INTO maintenance (kind, name, starts_at, ends_at, reason, created_by, stopped_at) VALUES ($k, $n, $s, $e, $r, $c, $x)",
            ("$k", m.Kind), ("$n", m.Name), ("$s", m.StartsAt), ("$e", m.EndsAt), ("$r", m.Reason), ("$c", m.CreatedBy), ("$x", m.StoppedAt));
        return m.Id;
    }

    void IMaintenanceRepository.Update(MaintenanceRecord m) =>
        Execute("UPDATE maintenance SET ends_at = $e, reason = $r, stopped_at = $x WHERE id = $id",
            ("$e", m.EndsAt), ("$r", m.Reason), ("$x", m.StoppedAt), ("$id", m.Id));

    IReadOnlyList<MaintenanceRecord> IMaintenanceRepository.EndingAfter(DateTimeOffset after) =>
        Query("SELECT * FROM maintenance WHERE ends_at > $a ORDER BY starts_at, id", MapMaintenance, ("$a", after));

    IReadOnlyList<MaintenanceRecord> IMaintenanceRepository.Recent(int limit) =>
        Query("SELECT * FROM maintenance ORDER BY id DESC LIMIT $l", MapMaintenance, ("$l", limit));

    // ---- silences ------------------------------------------------------------------------------

    private static SilenceRecord MapSilence(SqliteDataReader r)
    {
        var category = r.GetOrdinal("category");
        return new SilenceRecord
        {
            Id = Long(r, "id"),
            Rule = OptionalText(r, "rule"),
            Target = OptionalText(r, "target"),
            Category = r.IsDBNull(category) ? null : (AlertCategory)r.GetInt32(category),
            StartsAt = Time(r, "starts_at"),
            EndsAt = Time(r, "ends_at"),
            Reason = Text(r, "reason"),
            CreatedBy = Text(r, "created_by"),
            ExpiredAt = OptionalTime(r, "expired_at"),
        };
    }

    long ISilenceRepository.Insert(SilenceRecord s)
    {
        s.Id = InsertReturningId(
            "INSERT INTO silences (rule, target, category, starts_at, ends_at, reason, created_by, expired_at) VALUES ($r, $t, $c, $s, $e, $reason, $by, $x)",
            ("$r", s.Rule), ("$t", s.Target), ("$c", s.Category), ("$s", s.StartsAt), ("$e", s.EndsAt), ("$reason", s.Reason),
            ("$by", s.CreatedBy), ("$x", s.ExpiredAt));
        return s.Id;
    }

    void ISilenceRepository.Update(SilenceRecord s) =>
        Execute("UPDATE silences SET ends_at = $e, reason = $r, expired_at = $x WHERE id = $id", ("$e", s.EndsAt), ("$r", s.Reason), ("$x", s.ExpiredAt), ("$id", s.Id));

    SilenceRecord? ISilenceRepository.Get(long id) => Query("SELECT * FROM silences WHERE id = $id", MapSilence, ("$id", id)).FirstOrDefault();

    IReadOnlyList<SilenceRecord> ISilenceRepository.Active(DateTimeOffset now) =>
        Query("SELECT * FROM silences WHERE expired_at IS NULL AND ends_at > $n ORDER BY id", MapSilence, ("$n", now));

    IReadOnlyList<SilenceRecord> ISilenceRepository.Recent(int limit) =>
        Query("SELECT * FROM silences ORDER BY id DESC LIMIT $l", MapSilence, ("$l", limit));

    // ---- settings ------------------------------------------------------------------------------

    string? ISettingsRepository.Get(string key) => Scalar("SELECT value FROM settings WHERE key = $k", ("$k", key)) as string;

    void ISettingsRepository.Set(string key, string value, DateTimeOffset at) => Execute("""
        INSERT INTO settings (key, value, updated_at) VALUES ($k, $v, $t)
        ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
        """, ("$k", key), ("$v", value), ("$t", at));

    string ISettingsRepository.SetIfAbsent(string key, string value, DateTimeOffset at)
    {
        Execute("INSERT INTO settings (key, value, updated_at) VALUES ($k, $v, $t) ON CONFLICT(key) DO NOTHING", ("$k", key), ("$v", value), ("$t", at));
        return (string)Scalar("SELECT value FROM settings WHERE key = $k", ("$k", key))!;
    }

    void ISettingsRepository.Delete(string key) => Execute("DELETE FROM settings WHERE key = $k", ("$k", key));

    // ---- digest --------------------------------------------------------------------------------

    void IDigestRepository.Add(long incidentId, DateTimeOffset at, string text) =>
        Execute("INSERT INTO digest_items (incident_id, at, text) VALUES ($i, $a, $t)", ("$i", incidentId), ("$a", at), ("$t", text));

    IReadOnlyList<DigestItem> IDigestRepository.Pending() =>
        Query("SELECT id, incident_id, at, text FROM digest_items WHERE sent_at IS NULL ORDER BY id",
            r => new DigestItem(Long(r, "id"), Long(r, "incident_id"), Time(r, "at"), Text(r, "text")));

    void IDigestRepository.MarkSent(IEnumerable<long> ids, DateTimeOffset at)
    {
        foreach (var id in ids)
        {
            Execute("UPDATE digest_items SET sent_at = $a WHERE id = $id", ("$a", at), ("$id", id));
        }
    }
}
