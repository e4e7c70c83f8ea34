namespace Monitor.Rules.Incidents;

public static partial class IncidentLifecycle
{
    private sealed partial class Step
    {
        public void Release()
        {
            if (S.Held == HeldNotice.None || context.Held)
            {
                return;
            }

            var held = S.Held;
            S = S with { Held = HeldNotice.None };
            Note("released", $"Notifications no longer held; releasing the {held.ToString().ToLowerInvariant()} notice");
            switch (held)
            {
                case HeldNotice.Opening when S.IsOpen:
                    Announce();
                    break;
                case HeldNotice.Reopened when S.IsOpen:
                    BrokenAgain();
                    break;
                case HeldNotice.Resolved when !S.IsOpen:
                    SendResolved();
                    break;
            }
        }

        public void RemindAndEscalate()
        {
            var reminderDue = S.NextReminderAt <= Now;
            var escalationDue = S.EscalateAt <= Now && S.EscalationLevel < 2;
            if (!S.IsOpen || !(reminderDue || escalationDue) || S.Acknowledged || S.Held != HeldNotice.None || !S.Notified || context.Held)
            {
                return;
            }

            var next = policy.RepeatInterval > TimeSpan.Zero ? Now + policy.RepeatInterval : (DateTimeOffset?)null;
            if (escalationDue)
            {
                S = S with { EscalationLevel = 2, EscalateAt = null, NextReminderAt = next };
                Note("escalated", "Escalated to level 2: not acknowledged in time");
                Notice(NoticeKind.LevelTwo, AnnouncedRoute());
            }
            else
            {
                S = S with { NextReminderAt = next };
                Notice(NoticeKind.Reminder, AnnouncedRoute());
            }
        }

        public void SubmitDueCase()
        {
            if (S.Case is not { Phase: CasePhase.Pending, DueAt: { } due } c || due > Now)
            {
                return;
            }

            if (!S.IsOpen || (c.Kind == CaseKind.Urgent && S.Acknowledged))
            {
                S = S with { Case = c with { Phase = CasePhase.Cancelled, DueAt = null, UpdatedAt = Now } };
                _effects.Add(new CaseChanged(CaseUpdate.Cancelled, Send: false));
                return;
            }

            if (S.Held != HeldNotice.None || context.Held)
            {
                return;
            }

            Submit();
        }
    }
}
