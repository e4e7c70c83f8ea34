using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Incidents.Cases;

/// <summary>The JSON evidence of a case (<c>case.json</c>, the webhook body): its shape is what support tooling reads.</summary>
internal sealed record CaseDocument(
    string IdempotencyKey,
    [property: JsonPropertyName("case")] CaseDocumentCase Case,
    CaseDocumentIncident Incident,
    IEnumerable<CaseDocumentSample> SampleFailingRequests,
    IEnumerable<CaseDocumentEvent> Timeline,
    string StatusPage);

internal sealed record CaseDocumentCase(
    string Id,
    string Kind,
    string Category,
    string Title,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? ResolvedAt,
    string? Bundle);

internal sealed record CaseDocumentIncident(
    string Id,
    string Project,
    string PartnerId,
    string Contact,
    string? Problem,
    IReadOnlyList<string> AffectedRestaurants,
    string Rule,
    string Target,
    string Severity,
    string Category,
    bool Urgent,
    DateTimeOffset Since,
    DateTimeOffset? ResolvedAt,
    string Summary,
    IncidentFigures? Figures,
    IEnumerable<CaseDocumentAlert> Alerts);

internal sealed record CaseDocumentAlert(
    string Rule,
    string Target,
    string Severity,
    string Category,
    bool Firing,
    bool Inhibited,
    DateTimeOffset Since,
    string Summary,
    IncidentFigures? Figures);

internal sealed record CaseDocumentSample(
    DateTimeOffset At,
    string Target,
    string? Reason,
    string? ErrorType,
    string? RestaurantId,
    double LatencyMs,
    string? Detail);

internal sealed record CaseDocumentEvent(DateTimeOffset At, string Kind, string Text);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(CaseDocument))]
internal sealed partial class CaseDocumentJson : JsonSerializerContext;
