namespace Monitor.Web;

/// <summary>
/// What the status page and <c>/api/v1/status</c> show beyond the live measurements: maintenance,
/// open incidents and recent cases. The incident store implements it; until one is registered,
/// <see cref="EmptyStatusSource"/> reports none. Implementations return no secrets.
/// </summary>
internal interface IStatusSource
{
    Task<StatusExtras> GetAsync(CancellationToken cancellationToken);
}

/// <summary>Maintenance, incidents and cases at one moment.</summary>
/// <param name="Maintenance">The active maintenance window, or null when none is active.</param>
/// <param name="Incidents">Open (unresolved) incidents, most severe and oldest first.</param>
/// <param name="Cases">Recent support cases, newest first (a handful).</param>
internal sealed record StatusExtras(MaintenanceView? Maintenance, IReadOnlyList<IncidentView> Incidents, IReadOnlyList<CaseView> Cases)
{
    public static readonly StatusExtras None = new(null, [], []);
}

/// <summary>An active maintenance window.</summary>
/// <param name="Reason">Why, as typed by whoever started it.</param>
/// <param name="Since">When it started.</param>
/// <param name="Until">When it ends, or null for an ad hoc window ended by hand.</param>
internal sealed record MaintenanceView(string Reason, DateTimeOffset Since, DateTimeOffset? Until);

/// <summary>One open incident.</summary>
/// <param name="Id">Stable identifier, as used by the API and the command line.</param>
/// <param name="Title">One line saying what is wrong.</param>
/// <param name="Severity"><c>critical</c>, <c>major</c>, <c>minor</c> or <c>info</c>.</param>
/// <param name="Category"><c>integration-down</c>, <c>merchants-cannot-serve</c>, <c>orders-blocked</c>, <c>technical-support</c> or <c>none</c>.</param>
/// <param name="Since">When it opened.</param>
/// <param name="AcknowledgedBy">Who acknowledged it, or null while unacknowledged.</param>
/// <param name="AcknowledgedAt">When it was acknowledged.</param>
/// <param name="AcknowledgeUrl">A link that acknowledges it (signed, safe to show to whoever sees the page), or null.</param>
internal sealed record IncidentView(
    string Id,
    string Title,
    string Severity,
    string Category,
    DateTimeOffset Since,
    string? AcknowledgedBy = null,
    DateTimeOffset? AcknowledgedAt = null,
    string? AcknowledgeUrl = null)
{
    public bool Acknowledged => AcknowledgedAt is not null;
}

/// <summary>One support case.</summary>
/// <param name="Id">Case identifier (ours, or the support desk's once known).</param>
/// <param name="IncidentId">The incident the case is for.</param>
/// <param name="Urgent">True for an urgent case, false for a standard one.</param>
/// <param name="State">Where it is: <c>queued</c>, <c>sent</c>, <c>failed</c>...</param>
/// <param name="At">When it was opened or queued.</param>
internal sealed record CaseView(string Id, string IncidentId, bool Urgent, string State, DateTimeOffset At);
