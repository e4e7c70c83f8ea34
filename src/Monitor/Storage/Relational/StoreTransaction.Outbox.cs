using System.Globalization;
using System.Data.Common;
using Monitor.Rules.Alerts;

namespace Monitor.Storage.Relational;

/// <summary>The outbox.</summary>
internal sealed partial class StoreTransaction
{
    private static OutboxMessage MapOutbox(DbDataReader r) => new()
    {
        Id = Long(r, "id"),
        IdempotencyKey = Text(r, "idempotency_key"),
        Stream = Text(r, "stream"),
        Channel = Text(r, "channel"),
        Kind = Text(r, "kind"),
        IncidentId = OptionalLong(r, "incident_id"),
        Payload = Text(r, "payload"),
        Status = (OutboxStatus)Int(r, "status"),
        CreatedAt = Time(r, "created_at"),
        AvailableAt = Time(r, "available_at"),
        Attempts = Int(r, "attempts"),
        LastError = OptionalText(r, "last_error"),
        SentAt = OptionalTime(r, "sent_at"),
    };

    bool IOutboxRepository.Enqueue(OutboxMessage m)
    {
        using var command = Command("""
            INSERT INTO outbox (idempotency_key, stream, channel, kind, incident_id, payload, status, created_at, available_at, attempts)
            VALUES (@k, @s, @c, @kind, @i, @p, 0, @created, @available, 0)
            ON CONFLICT(idempotency_key) DO NOTHING
            RETURNING id
            """, ("@k", m.IdempotencyKey), ("@s", m.Stream), ("@c", m.Channel), ("@kind", m.Kind), ("@i", m.IncidentId),
            ("@p", m.Payload), ("@created", m.CreatedAt), ("@available", m.AvailableAt));
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
        WHERE o.status = 0 AND o.available_at <= @n
          AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.status = 0 AND p.stream = o.stream AND p.id < o.id)
        ORDER BY o.id LIMIT @l
        """, MapOutbox, ("@n", now), ("@l", limit));

    void IOutboxRepository.MarkSent(long id, DateTimeOffset at, int attempts) =>
        Execute("UPDATE outbox SET status = 1, sent_at = @a, attempts = @n, last_error = NULL WHERE id = @id", ("@a", at), ("@n", attempts), ("@id", id));

    void IOutboxRepository.Reschedule(long id, int attempts, DateTimeOffset availableAt, string error) =>
        Execute("UPDATE outbox SET attempts = @n, available_at = @a, last_error = @e WHERE id = @id AND status = 0",
            ("@n", attempts), ("@a", availableAt), ("@e", error), ("@id", id));

    void IOutboxRepository.MarkFailed(long id, int attempts, string error) =>
        Execute("UPDATE outbox SET status = 2, attempts = @n, last_error = @e WHERE id = @id", ("@n", attempts), ("@e", error), ("@id", id));

    OutboxMessage? IOutboxRepository.Get(long id) => Query("SELECT * FROM outbox WHERE id = @id", MapOutbox, ("@id", id)).FirstOrDefault();

    IReadOnlyList<OutboxMessage> IOutboxRepository.ForIncident(long incidentId) =>
        Query("SELECT * FROM outbox WHERE incident_id = @i ORDER BY id", MapOutbox, ("@i", incidentId));

    int IOutboxRepository.Count(OutboxStatus status) =>
        Convert.ToInt32(Scalar("SELECT COUNT(*) FROM outbox WHERE status = @s", ("@s", status)), CultureInfo.InvariantCulture);

    DateTimeOffset? IOutboxRepository.NextAvailable() =>
        Scalar("SELECT MIN(available_at) FROM outbox WHERE status = 0") is { } v
            ? DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(v, CultureInfo.InvariantCulture))
            : null;

    DateTimeOffset? IOutboxRepository.OldestPending() =>
        Scalar("SELECT MIN(created_at) FROM outbox WHERE status = 0") is { } v
            ? DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(v, CultureInfo.InvariantCulture))
            : null;
}
