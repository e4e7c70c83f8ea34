using Monitor.Rules.Incidents;

namespace Monitor.Incidents.Messages;

/// <summary>The words a notice or case update is stored and shown under (outbox kinds, idempotency keys).</summary>
internal static class NoticeNames
{
    public static string Name(this NoticeKind kind) => kind switch
    {
        NoticeKind.Firing => "firing",
        NoticeKind.Reopened => "reopened",
        NoticeKind.Escalated => "escalated",
        NoticeKind.Reminder => "reminder",
        NoticeKind.LevelTwo => "escalation",
        NoticeKind.Acknowledged => "acknowledged",
        _ => "resolved",
    };

    public static string Name(this CaseUpdate update) => update switch
    {
        CaseUpdate.Pending => "pending",
        CaseUpdate.Drafted => "drafted",
        CaseUpdate.Submitted => "submitted",
        CaseUpdate.Urgent => "urgent",
        CaseUpdate.BrokenAgain => "reopened",
        CaseUpdate.Resolved => "resolved",
        _ => "cancelled",
    };
}
