using Monitor.Rules.Incidents;
using Monitor.Incidents;
using Monitor.Incidents.Cases;
using Monitor.Incidents.Maintenance;
using Monitor.Rules.Alerts;
using Monitor.Storage;

namespace Monitor.Web.Api;

/// <summary>
/// The JSON API's read model of incidents, cases, maintenance, silences and the outbox (<c>/api/v1/...</c>) and of the
/// command line's listings. Every call reads the store (the daemon and the command line may both write it),
/// returns plain records shaped for JSON, and never exposes a secret. Times are UTC.
/// </summary>
internal interface IIncidentQueries
{
    /// <summary>Incidents, newest first.</summary>
    /// <param name="status"><c>open</c>, <c>resolved</c>, or null for both.</param>
    /// <param name="limit">At most this many (1..1000).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<ApiIncident>> ListAsync(IncidentStatus? status = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>One incident with its alerts, timeline, acknowledgements and messages; null when there is none.</summary>
    Task<ApiIncidentDetail?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Cases, newest first.</summary>
    Task<IReadOnlyList<ApiCase>> CasesAsync(int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>One case; null when there is none.</summary>
    Task<ApiCase?> GetCaseAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Windows in force now, the next scheduled one, and recent ad hoc ones.</summary>
    Task<ApiMaintenance> MaintenanceAsync(CancellationToken cancellationToken = default);

    /// <summary>Silences, newest first (<paramref name="activeOnly"/>: only those in force).</summary>
    Task<IReadOnlyList<ApiSilence>> SilencesAsync(bool activeOnly = true, CancellationToken cancellationToken = default);

    /// <summary>Counts of the outbox by status, and the oldest pending message's age.</summary>
    Task<ApiOutbox> OutboxAsync(CancellationToken cancellationToken = default);
}

/// <summary>An incident as the API shows it.</summary>
internal sealed record ApiIncident(
    string Id,
    long Number,
    string Status,
    string Severity,
    string Category,
    bool Urgent,
    string Rule,
    string Target,
    string? Problem,
    DateTimeOffset OpenedAt,
    DateTimeOffset Since,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset UpdatedAt,
    bool Acknowledged,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    int EscalationLevel,
    string? HeldNotice,
    int Reopened,
    string Summary,
    IncidentFigures? Figures,
    ApiCase? Case)
{
    public static ApiIncident From(IncidentRecord i, CaseRecord? c) => new(
        i.DisplayId, i.Id, i.Status.ToString().ToLowerInvariant(), i.Severity.ToName(), i.Category.ToName(), i.Urgent, i.Rule, i.Signal, i.Problem,
        i.OpenedAt, i.Since, i.ResolvedAt, i.UpdatedAt, i.Acknowledged, i.AcknowledgedAt, i.AcknowledgedBy, i.EscalationLevel,
        i.HeldNotice, i.Reopened, i.Summary, IncidentFigures.Parse(i.FiguresJson), c is null ? null : ApiCase.From(c, i));
}

/// <summary>One incident in full.</summary>
internal sealed record ApiIncidentDetail(
    ApiIncident Incident,
    IReadOnlyList<ApiAlert> Alerts,
    IReadOnlyList<ApiTimelineEntry> Timeline,
    IReadOnlyList<ApiAck> Acknowledgements,
    IReadOnlyList<ApiMessage> Messages);

internal sealed record ApiAlert(string Rule, string Target, string Fingerprint, string Severity, bool Firing, bool Inhibited, DateTimeOffset Since, DateTimeOffset UpdatedAt);

internal sealed record ApiTimelineEntry(DateTimeOffset At, string Kind, string Text);

internal sealed record ApiAck(DateTimeOffset At, string By, string Via, string? Comment);

/// <summary>A message of the outbox (its rendered content is not exposed).</summary>
internal sealed record ApiMessage(long Id, string Channel, string Kind, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? LastError);

internal sealed record ApiCase(
    string Id,
    long Number,
    string Incident,
    string Kind,
    string Category,
    string Title,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? ResolvedAt,
    string? Bundle)
{
    public static ApiCase From(CaseRecord c, IncidentRecord? i) => new(
        c.DisplayId, c.Id, i?.DisplayId ?? IncidentRecord.FormatId(c.IncidentId), c.Kind.ToName(), c.Category, c.Title, CaseEvidence.Status(c),
        c.CreatedAt, c.DueAt, c.SubmittedAt, c.ResolvedAt, c.BundlePath);
}

internal sealed record ApiMaintenance(bool Active, IReadOnlyList<MaintenanceWindow> Windows, MaintenanceWindow? NextScheduled, IReadOnlyList<MaintenanceRecord> Recent);

internal sealed record ApiSilence(long Id, string? Rule, string? Target, string? Category, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Reason, string CreatedBy, bool Active)
{
    public static ApiSilence From(SilenceRecord s, DateTimeOffset now) =>
        new(s.Id, s.Rule, s.Target, s.Category?.ToName(), s.StartsAt, s.EndsAt, s.Reason, s.CreatedBy, s.IsActive(now));
}

internal sealed record ApiOutbox(int Pending, int Sent, int Failed, DateTimeOffset? NextAttempt);

/// <summary>Registers the API's read model.</summary>
internal static class IncidentQueriesServices
{
    public static IServiceCollection AddIncidentQueries(this IServiceCollection services) =>
        services.AddSingleton<IIncidentQueries, IncidentQueries>();
}

/// <summary>The <see cref="IIncidentQueries"/> over the monitor store.</summary>
internal sealed class IncidentQueries(IMonitorStore store, MaintenanceCalendar calendar, TimeProvider time) : IIncidentQueries
{
    public Task<IReadOnlyList<ApiIncident>> ListAsync(IncidentStatus? status = null, int limit = 100, CancellationToken cancellationToken = default) =>
        store.ReadAsync<IReadOnlyList<ApiIncident>>(tx =>
            [.. tx.Incidents.List(status, Math.Clamp(limit, 1, 1000)).Select(i => ApiIncident.From(i, tx.Cases.ForIncident(i.Id)))], cancellationToken);

    public Task<ApiIncidentDetail?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        store.ReadAsync(tx =>
        {
            var i = tx.Incidents.Get(id);
            if (i is null)
            {
                return null;
            }

            return new ApiIncidentDetail(
                ApiIncident.From(i, tx.Cases.ForIncident(i.Id)),
                [.. tx.Incidents.Members(id).Select(m => new ApiAlert(m.Rule, m.Signal, m.Fingerprint, m.Severity.ToName(), m.Firing, m.Inhibited, m.Since, m.UpdatedAt))],
                [.. tx.Incidents.Timeline(id).Select(e => new ApiTimelineEntry(e.At, e.Kind, e.Text))],
                [.. tx.Acknowledgements.ForIncident(id).Select(a => new ApiAck(a.At, a.By, a.Via, a.Comment))],
                [.. tx.Outbox.ForIncident(id).Select(m => new ApiMessage(m.Id, m.Channel, m.Kind, m.Status.ToString().ToLowerInvariant(), m.Attempts, m.CreatedAt, m.SentAt, m.LastError))]);
        }, cancellationToken);

    public Task<IReadOnlyList<ApiCase>> CasesAsync(int limit = 100, CancellationToken cancellationToken = default) =>
        store.ReadAsync<IReadOnlyList<ApiCase>>(tx =>
            [.. tx.Cases.List(Math.Clamp(limit, 1, 1000)).Select(c => ApiCase.From(c, tx.Incidents.Get(c.IncidentId)))], cancellationToken);

    public Task<ApiCase?> GetCaseAsync(long id, CancellationToken cancellationToken = default) =>
        store.ReadAsync(tx => tx.Cases.Get(id) is { } c ? ApiCase.From(c, tx.Incidents.Get(c.IncidentId)) : null, cancellationToken);

    public Task<ApiMaintenance> MaintenanceAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return store.ReadAsync(tx =>
        {
            var active = calendar.Active(tx, now);
            return new ApiMaintenance(active.Count > 0, active, calendar.NextScheduled(now), [.. tx.Maintenance.Recent(20).Where(r => r.Kind == MaintenanceKind.AdHoc)]);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ApiSilence>> SilencesAsync(bool activeOnly = true, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return store.ReadAsync<IReadOnlyList<ApiSilence>>(tx =>
            [.. (activeOnly ? tx.Silences.Active(now) : tx.Silences.Recent(100)).Select(s => ApiSilence.From(s, now)).Where(s => !activeOnly || s.Active)],
            cancellationToken);
    }

    public Task<ApiOutbox> OutboxAsync(CancellationToken cancellationToken = default) =>
        store.ReadAsync(tx => new ApiOutbox(
            tx.Outbox.Count(OutboxStatus.Pending), tx.Outbox.Count(OutboxStatus.Sent), tx.Outbox.Count(OutboxStatus.Failed), tx.Outbox.NextAvailable()),
            cancellationToken);
}
