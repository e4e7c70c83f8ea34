using Monitor.Rules.Incidents;
using Monitor.Rules.Alerts;

namespace Monitor.Storage;

/// <summary>Whether an incident is still going on.</summary>
internal enum IncidentStatus
{
    Open,
    Resolved,
}

/// <summary>
/// One problem: the alerts of one group (a fingerprint, or a category and target) from first firing
/// until resolved. A flap within the reopen window opens the same incident again instead of a new one.
/// </summary>
internal sealed class IncidentRecord
{
    public long Id { get; set; }

    /// <summary>The grouping key: alerts with the same key share the incident.</summary>
    public string GroupKey { get; set; } = "";

    /// <summary>The rule of the first alert.</summary>
    public string Rule { get; set; } = "";

    /// <summary>The signal (target) of the first alert.</summary>
    public string Signal { get; set; } = "";

    /// <summary>The fingerprint of the first alert.</summary>
    public string Fingerprint { get; set; } = "";

    /// <summary>The worst severity among the alerts of the incident.</summary>
    public Severity Severity { get; set; }

    public AlertCategory Category { get; set; }

    /// <summary>Critical and of an urgent category.</summary>
    public bool Urgent { get; set; }

    public IncidentStatus Status { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>When the condition started to hold (the first alert's active-since).</summary>
    public DateTimeOffset Since { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    /// <summary>1 until escalated to the level-2 contacts.</summary>
    public int EscalationLevel { get; set; } = 1;

    public DateTimeOffset? NextReminderAt { get; set; }

    public DateTimeOffset? EscalateAt { get; set; }

    /// <summary>True once the opening notice went to the outbox (or to the digest).</summary>
    public bool Notified { get; set; }

    /// <summary>A notice held back by maintenance or a silence: <c>opening</c>, <c>reopened</c> or <c>resolved</c>; null when nothing is held.</summary>
    public string? HeldNotice { get; set; }

    /// <summary>How many times the incident opened again after resolving (flaps).</summary>
    public int Reopened { get; set; }

    /// <summary>Counter of messages of the incident, for stable idempotency keys.</summary>
    public int MessageSeq { get; set; }

    /// <summary>The Message-ID of the first e-mail of the incident: the thread root.</summary>
    public string? ThreadId { get; set; }

    /// <summary>The latest one-line description of the figures.</summary>
    public string Summary { get; set; } = "";

    /// <summary>The latest figures, as JSON (<see cref="Monitor.Rules.Alerts.AlertFigures"/>).</summary>
    public string FiguresJson { get; set; } = "{}";

    /// <summary>The problem the incident is about, or null for an alert on its own.</summary>
    public string? Problem { get; set; }

    /// <summary>The severity people were last told about; null while nobody has been told.</summary>
    public Severity? AnnouncedSeverity { get; set; }

    /// <summary>The category people were last told about.</summary>
    public AlertCategory? AnnouncedCategory { get; set; }

    /// <summary>The display id, <c>INC-12</c>.</summary>
    public string DisplayId => FormatId(Id);

    public bool Acknowledged => AcknowledgedAt is not null;

    public static string FormatId(long id) => "INC-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses <c>INC-12</c>, <c>inc-12</c> or <c>12</c>.</summary>
    public static bool TryParseId(string? text, out long id)
    {
        id = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        if (t.StartsWith("INC-", StringComparison.OrdinalIgnoreCase))
        {
            t = t[4..];
        }

        return long.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0;
    }
}

/// <summary>One alert series inside an incident.</summary>
internal sealed record IncidentMember(long IncidentId, string Fingerprint, string Rule, string Signal, Severity Severity, bool Firing, DateTimeOffset Since, DateTimeOffset UpdatedAt)
{
    public AlertCategory Category { get; init; }

    /// <summary>True while another firing alert explains it: shown, but it tells nobody.</summary>
    public bool Inhibited { get; init; }

    /// <summary>Its figures in one line, as of its last change.</summary>
    public string Summary { get; init; } = "";

    /// <summary>Its figures as JSON, as the incident layer writes them.</summary>
    public string FiguresJson { get; init; } = "{}";
}

/// <summary>One line of an incident's timeline.</summary>
internal sealed record IncidentEvent(long IncidentId, DateTimeOffset At, string Kind, string Text);

/// <summary>What a case is waiting for or has reached.</summary>
internal enum CaseStatus
{
    /// <summary>Waiting for the confirmation delay or the next business hour.</summary>
    Pending,

    /// <summary>Written as an evidence bundle, not sent (mode <c>draft</c>).</summary>
    Drafted,

    /// <summary>Sent to support.</summary>
    Submitted,

    /// <summary>The incident resolved after the case was drafted or submitted.</summary>
    Resolved,

    /// <summary>The incident resolved or was acknowledged before the case was due.</summary>
    Cancelled,
}

/// <summary>A support case: at most one per incident.</summary>
internal sealed class CaseRecord
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    /// <summary>Urgent or standard (stored as <c>urgent</c> or <c>standard</c>).</summary>
    public CaseKind Kind { get; set; } = CaseKind.Urgent;

    /// <summary>The support category, for example <c>Urgent technical support</c>.</summary>
    public string Category { get; set; } = "";

    public string Title { get; set; } = "";

    public CaseStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a pending case is to be submitted.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The evidence bundle folder, relative to the data directory.</summary>
    public string? BundlePath { get; set; }

    public string DisplayId => "CASE-" + Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Where a message in the outbox stands.</summary>
internal enum OutboxStatus
{
    /// <summary>Not delivered yet; retried from <see cref="OutboxMessage.AvailableAt"/>.</summary>
    Pending,

    /// <summary>Delivered.</summary>
    Sent,

    /// <summary>Refused for good (a permanent error); kept for inspection.</summary>
    Failed,
}

/// <summary>
/// A message waiting to be delivered, written in the same transaction as the change that caused it.
/// Messages of one stream (an incident) are delivered in id order.
/// </summary>
internal sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>Unique: writing the same key twice keeps the first message.</summary>
    public string IdempotencyKey { get; set; } = "";

    /// <summary>Ordering scope, for example <c>incident:12</c>.</summary>
    public string Stream { get; set; } = "";

    /// <summary><c>email</c>, <c>webhook</c> or <c>bundle</c>.</summary>
    public string Channel { get; set; } = "";

    /// <summary>What the message says: <c>firing</c>, <c>resolved</c>, <c>reminder</c>, <c>case</c>...</summary>
    public string Kind { get; set; } = "";

    public long? IncidentId { get; set; }

    /// <summary>The rendered message, as JSON (never holds a secret).</summary>
    public string Payload { get; set; } = "{}";

    public OutboxStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset AvailableAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>An acknowledgement of an incident.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="At">When.</param>
/// <param name="By">Who (a name, an address, or <c>link</c>).</param>
/// <param name="Via"><c>cli</c>, <c>api</c> or <c>link</c>.</param>
/// <param name="Comment">Free text.</param>
/// <param name="Nonce">The signed link's nonce, unique: a link works once.</param>
internal sealed record Acknowledgement(long IncidentId, DateTimeOffset At, string By, string Via, string? Comment, string? Nonce);

/// <summary>An ad hoc maintenance window, or a skipped occurrence of a scheduled one.</summary>
internal sealed class MaintenanceRecord
{
    public long Id { get; set; }

    /// <summary>An ad hoc window, or a scheduled occurrence stopped early (<see cref="Name"/> and <see cref="StartsAt"/> identify it).</summary>
    public MaintenanceKind Kind { get; set; } = MaintenanceKind.AdHoc;

    /// <summary>The schedule name for <c>skip</c> rows; empty for ad hoc windows.</summary>
    public string Name { get; set; } = "";

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public string Reason { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset? StoppedAt { get; set; }

    public bool IsActive(DateTimeOffset now) => Kind == MaintenanceKind.AdHoc && StoppedAt is null && StartsAt <= now && now < EndsAt;
}

/// <summary>Mutes notifications of the incidents it matches until it expires. A null matcher matches anything.</summary>
internal sealed class SilenceRecord
{
    public long Id { get; set; }

    public string? Rule { get; set; }

    public string? Target { get; set; }

    public AlertCategory? Category { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public string Reason { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset? ExpiredAt { get; set; }

    public bool IsActive(DateTimeOffset now) => ExpiredAt is null && StartsAt <= now && now < EndsAt;

    public bool Matches(string rule, string target, AlertCategory category) =>
        (Rule is null || string.Equals(Rule, rule, StringComparison.Ordinal))
        && (Target is null || string.Equals(Target, target, StringComparison.Ordinal))
        && (Category is null || Category == category);
}

/// <summary>A minor incident's line waiting for the next digest.</summary>
internal sealed record DigestItem(long Id, long IncidentId, DateTimeOffset At, string Text);

/// <summary>What a maintenance row is (stored as <c>adhoc</c> or <c>skip</c>).</summary>
internal enum MaintenanceKind
{
    /// <summary>A window started by hand.</summary>
    AdHoc,

    /// <summary>A scheduled occurrence stopped early.</summary>
    Skip,
}

/// <summary>The words the store and the JSON views use for case and maintenance kinds (a case kind's own word is <see cref="CaseKinds.ToName"/>).</summary>
internal static class StoredKinds
{
    public static CaseKind ParseCaseKind(string text) => text == "standard" ? CaseKind.Standard : CaseKind.Urgent;

    public static string ToName(this MaintenanceKind kind) => kind == MaintenanceKind.Skip ? "skip" : "adhoc";

    public static MaintenanceKind ParseMaintenanceKind(string text) => text == "skip" ? MaintenanceKind.Skip : MaintenanceKind.AdHoc;
}

/// <summary>The highest sequence number the central took from one agent location's spool.</summary>
internal readonly record struct AgentSequence(string Location, string Spool, long Last);
