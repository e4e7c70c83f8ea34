using System.Globalization;
using System.Data.Common;
using Monitor.Rules.Alerts;

namespace Monitor.Storage.Relational;

/// <summary>Acknowledgements, maintenance, silences, settings and the digest.</summary>
internal sealed partial class StoreTransaction
{
    bool IAcknowledgementRepository.Add(Acknowledgement a)
    {
        using var command = Command("""
            INSERT INTO acknowledgements (incident_id, at, by, via, comment, nonce) VALUES (@i, @a, @b, @v, @c, @n)
            ON CONFLICT(nonce) DO NOTHING RETURNING id
            """, ("@i", a.IncidentId), ("@a", a.At), ("@b", a.By), ("@v", a.Via), ("@c", a.Comment), ("@n", a.Nonce));
        return command.ExecuteScalar() is not (null or DBNull);
    }

    bool IAcknowledgementRepository.NonceUsed(string nonce) =>
        Scalar("SELECT 1 FROM acknowledgements WHERE nonce = @n", ("@n", nonce)) is not null;

    IReadOnlyList<Acknowledgement> IAcknowledgementRepository.ForIncident(long incidentId) =>
        Query("SELECT * FROM acknowledgements WHERE incident_id = @i ORDER BY id", r => new Acknowledgement(
            Long(r, "incident_id"), Time(r, "at"), Text(r, "by"), Text(r, "via"), OptionalText(r, "comment"), OptionalText(r, "nonce")),
            ("@i", incidentId));

    // ---- maintenance ---------------------------------------------------------------------------

    private static MaintenanceRecord MapMaintenance(DbDataReader r) => new()
    {
        Id = Long(r, "id"),
        Kind = StoredKinds.ParseMaintenanceKind(Text(r, "kind")),
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
            "INSERT INTO maintenance (kind, name, starts_at, ends_at, reason, created_by, stopped_at) VALUES (@k, @n, @s, @e, @r, @c, @x)",
            ("@k", m.Kind.ToName()), ("@n", m.Name), ("@s", m.StartsAt), ("@e", m.EndsAt), ("@r", m.Reason), ("@c", m.CreatedBy), ("@x", m.StoppedAt));
        return m.Id;
    }

    void IMaintenanceRepository.Update(MaintenanceRecord m) =>
        Execute("UPDATE maintenance SET ends_at = @e, reason = @r, stopped_at = @x WHERE id = @id",
            ("@e", m.EndsAt), ("@r", m.Reason), ("@x", m.StoppedAt), ("@id", m.Id));

    IReadOnlyList<MaintenanceRecord> IMaintenanceRepository.EndingAfter(DateTimeOffset after) =>
        Query("SELECT * FROM maintenance WHERE ends_at > @a ORDER BY starts_at, id", MapMaintenance, ("@a", after));

    IReadOnlyList<MaintenanceRecord> IMaintenanceRepository.Recent(int limit) =>
        Query("SELECT * FROM maintenance ORDER BY id DESC LIMIT @l", MapMaintenance, ("@l", limit));

    // ---- silences ------------------------------------------------------------------------------

    private static SilenceRecord MapSilence(DbDataReader r) => new()
    {
        Id = Long(r, "id"),
        Rule = OptionalText(r, "rule"),
        Target = OptionalText(r, "target"),
        Category = OptionalLong(r, "category") is { } category ? (AlertCategory)checked((int)category) : null,
        StartsAt = Time(r, "starts_at"),
        EndsAt = Time(r, "ends_at"),
        Reason = Text(r, "reason"),
        CreatedBy = Text(r, "created_by"),
        ExpiredAt = OptionalTime(r, "expired_at"),
    };

    long ISilenceRepository.Insert(SilenceRecord s)
    {
        s.Id = InsertReturningId(
            "INSERT INTO silences (rule, target, category, starts_at, ends_at, reason, created_by, expired_at) VALUES (@r, @t, @c, @s, @e, @reason, @by, @x)",
            ("@r", s.Rule), ("@t", s.Target), ("@c", s.Category), ("@s", s.StartsAt), ("@e", s.EndsAt), ("@reason", s.Reason),
            ("@by", s.CreatedBy), ("@x", s.ExpiredAt));
        return s.Id;
    }

    void ISilenceRepository.Update(SilenceRecord s) =>
        Execute("UPDATE silences SET ends_at = @e, reason = @r, expired_at = @x WHERE id = @id", ("@e", s.EndsAt), ("@r", s.Reason), ("@x", s.ExpiredAt), ("@id", s.Id));

    SilenceRecord? ISilenceRepository.Get(long id) => Query("SELECT * FROM silences WHERE id = @id", MapSilence, ("@id", id)).FirstOrDefault();

    IReadOnlyList<SilenceRecord> ISilenceRepository.Active(DateTimeOffset now) =>
        Query("SELECT * FROM silences WHERE expired_at IS NULL AND ends_at > @n ORDER BY id", MapSilence, ("@n", now));

    IReadOnlyList<SilenceRecord> ISilenceRepository.Recent(int limit) =>
        Query("SELECT * FROM silences ORDER BY id DESC LIMIT @l", MapSilence, ("@l", limit));

    // ---- settings ------------------------------------------------------------------------------

    string? ISettingsRepository.Get(string key) => Scalar("SELECT value FROM settings WHERE key = @k", ("@k", key)) as string;

    void ISettingsRepository.Set(string key, string value, DateTimeOffset at) => Execute("""
        INSERT INTO settings (key, value, updated_at) VALUES (@k, @v, @t)
        ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
        """, ("@k", key), ("@v", value), ("@t", at));

    string ISettingsRepository.SetIfAbsent(string key, string value, DateTimeOffset at)
    {
        Execute("INSERT INTO settings (key, value, updated_at) VALUES (@k, @v, @t) ON CONFLICT(key) DO NOTHING", ("@k", key), ("@v", value), ("@t", at));
        return (string)Scalar("SELECT value FROM settings WHERE key = @k", ("@k", key))!;
    }

    void ISettingsRepository.Delete(string key) => Execute("DELETE FROM settings WHERE key = @k", ("@k", key));

    // ---- digest --------------------------------------------------------------------------------

    void IDigestRepository.Add(long incidentId, DateTimeOffset at, string text) =>
        Execute("INSERT INTO digest_items (incident_id, at, text) VALUES (@i, @a, @t)", ("@i", incidentId), ("@a", at), ("@t", text));

    IReadOnlyList<DigestItem> IDigestRepository.Pending() =>
        Query("SELECT id, incident_id, at, text FROM digest_items WHERE sent_at IS NULL ORDER BY id",
            r => new DigestItem(Long(r, "id"), Long(r, "incident_id"), Time(r, "at"), Text(r, "text")));

    void IDigestRepository.MarkSent(IEnumerable<long> ids, DateTimeOffset at)
    {
        foreach (var id in ids)
        {
            Execute("UPDATE digest_items SET sent_at = @a WHERE id = @id", ("@a", at), ("@id", id));
        }
    }

    // ---- agent sequences -----------------------------------------------------------------------

    IReadOnlyList<AgentSequence> IAgentSequenceRepository.All() =>
        Query("SELECT location, spool, last_seq FROM agent_sequences ORDER BY location",
            r => new AgentSequence(Text(r, "location"), Text(r, "spool"), Long(r, "last_seq")));

    void IAgentSequenceRepository.Save(AgentSequence sequence, DateTimeOffset at) => Execute("""
        INSERT INTO agent_sequences (location, spool, last_seq, updated_at) VALUES (@l, @s, @q, @t)
        ON CONFLICT(location) DO UPDATE SET spool = excluded.spool, last_seq = excluded.last_seq, updated_at = excluded.updated_at
        """, ("@l", sequence.Location), ("@s", sequence.Spool), ("@q", sequence.Last), ("@t", at));
}
