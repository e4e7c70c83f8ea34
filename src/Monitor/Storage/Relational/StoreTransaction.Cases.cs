using Monitor.Rules.Incidents;
using System.Globalization;
using System.Data.Common;
using Monitor.Rules.Alerts;

namespace Monitor.Storage.Relational;

/// <summary>Support cases.</summary>
internal sealed partial class StoreTransaction
{
    private static CaseRecord MapCase(DbDataReader r) => new()
    {
        Id = Long(r, "id"),
        IncidentId = Long(r, "incident_id"),
        Kind = StoredKinds.ParseCaseKind(Text(r, "kind")),
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
        ("@id", c.Id), ("@incident_id", c.IncidentId), ("@kind", c.Kind.ToName()), ("@category", c.Category), ("@title", c.Title),
        ("@status", c.Status), ("@created_at", c.CreatedAt), ("@due_at", c.DueAt), ("@submitted_at", c.SubmittedAt),
        ("@resolved_at", c.ResolvedAt), ("@updated_at", c.UpdatedAt), ("@bundle_path", c.BundlePath),
    ];

    CaseRecord? ICaseRepository.Get(long id) => Query("SELECT * FROM cases WHERE id = @id", MapCase, ("@id", id)).FirstOrDefault();

    CaseRecord? ICaseRepository.ForIncident(long incidentId) =>
        Query("SELECT * FROM cases WHERE incident_id = @i", MapCase, ("@i", incidentId)).FirstOrDefault();

    IReadOnlyList<CaseRecord> ICaseRepository.List(int limit) => Query("SELECT * FROM cases ORDER BY id DESC LIMIT @l", MapCase, ("@l", limit));

    IReadOnlyList<CaseRecord> ICaseRepository.Due(DateTimeOffset now) =>
        Query("SELECT * FROM cases WHERE status = 0 AND due_at <= @n ORDER BY due_at, id", MapCase, ("@n", now));

    long ICaseRepository.Insert(CaseRecord c)
    {
        c.Id = InsertReturningId("""
            INSERT INTO cases (incident_id, kind, category, title, status, created_at, due_at, submitted_at, resolved_at, updated_at, bundle_path)
            VALUES (@incident_id, @kind, @category, @title, @status, @created_at, @due_at, @submitted_at, @resolved_at, @updated_at, @bundle_path)
            """, CaseParameters(c));
        return c.Id;
    }

    void ICaseRepository.Update(CaseRecord c) => Execute("""
        UPDATE cases SET kind = @kind, category = @category, title = @title, status = @status, due_at = @due_at,
            submitted_at = @submitted_at, resolved_at = @resolved_at, updated_at = @updated_at, bundle_path = @bundle_path
        WHERE id = @id
        """, CaseParameters(c));
}
