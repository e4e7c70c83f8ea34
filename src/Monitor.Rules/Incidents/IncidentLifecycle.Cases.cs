namespace Monitor.Rules.Incidents;

public static partial class IncidentLifecycle
{
    private sealed partial class Step
    {
        /// <summary>Opens the route's case, or makes the one case urgent when the route asks for an urgent one.</summary>
        private void CaseFor(Route route)
        {
            if (route.Case == CaseKind.None || (route.Case == CaseKind.Standard && !policy.StandardCases))
            {
                return;
            }

            if (S.Case is not { } existing)
            {
                OpenCase(route.Case);
            }
            else if (route.Case == CaseKind.Urgent && existing.Kind == CaseKind.Standard)
            {
                MakeUrgent(existing);
            }
        }

        private void OpenCase(CaseKind kind)
        {
            var c = new CaseState(0, kind, CasePhase.Pending, Now, null, null, null, Now);
            if (kind == CaseKind.Urgent)
            {
                c = policy.CaseMode switch
                {
                    UrgentCaseMode.Draft => c with { Phase = CasePhase.Drafted },
                    UrgentCaseMode.AfterConfirmation when policy.ConfirmationDelay > TimeSpan.Zero => c with { DueAt = Now + policy.ConfirmationDelay },
                    _ => c with { Phase = CasePhase.Submitted },
                };
            }
            else
            {
                var due = context.NextBusinessTime;
                c = due <= Now ? c with { Phase = CasePhase.Submitted } : c with { DueAt = due };
            }

            if (c.Phase == CasePhase.Submitted)
            {
                S = S with { Case = c with { Phase = CasePhase.Pending } };
                Submit();
                return;
            }

            S = S with { Case = c };
            _effects.Add(new CaseChanged(c.Phase == CasePhase.Drafted ? CaseUpdate.Drafted : CaseUpdate.Pending, Send: false));
        }

        private void MakeUrgent(CaseState c)
        {
            switch (c.Phase)
            {
                case CasePhase.Pending when policy.CaseMode == UrgentCaseMode.Auto || policy.ConfirmationDelay <= TimeSpan.Zero && policy.CaseMode != UrgentCaseMode.Draft:
                    S = S with { Case = c with { Kind = CaseKind.Urgent } };
                    Submit();
                    break;
                case CasePhase.Pending when policy.CaseMode == UrgentCaseMode.Draft:
                    S = S with { Case = c with { Kind = CaseKind.Urgent, Phase = CasePhase.Drafted, DueAt = null, UpdatedAt = Now } };
                    _effects.Add(new CaseChanged(CaseUpdate.Urgent, Send: false));
                    break;
                case CasePhase.Pending:
                    var due = Now + policy.ConfirmationDelay;
                    S = S with { Case = c with { Kind = CaseKind.Urgent, DueAt = c.DueAt is { } d && d < due ? d : due, UpdatedAt = Now } };
                    _effects.Add(new CaseChanged(CaseUpdate.Urgent, Send: false));
                    break;
                case CasePhase.Submitted:
                    // Already with support: an urgent follow-up on the case's own thread, never a second case.
                    S = S with { Case = c with { Kind = CaseKind.Urgent, UpdatedAt = Now } };
                    _effects.Add(new CaseChanged(CaseUpdate.Urgent, Send: true));
                    break;
                default:
                    S = S with { Case = c with { Kind = CaseKind.Urgent, UpdatedAt = Now } };
                    _effects.Add(new CaseChanged(CaseUpdate.Urgent, Send: false));
                    break;
            }
        }

        private void Submit()
        {
            S = S with { Case = S.Case! with { Phase = CasePhase.Submitted, SubmittedAt = Now, DueAt = null, UpdatedAt = Now } };
            _effects.Add(new CaseChanged(CaseUpdate.Submitted, Send: true));
        }

        private void CloseCase()
        {
            switch (S.Case)
            {
                case { Phase: CasePhase.Pending } c:
                    S = S with { Case = c with { Phase = CasePhase.Cancelled, DueAt = null, UpdatedAt = Now } };
                    _effects.Add(new CaseChanged(CaseUpdate.Cancelled, Send: false));
                    break;
                case { Phase: CasePhase.Submitted or CasePhase.Drafted } c:
                    S = S with { Case = c with { Phase = CasePhase.Resolved, ResolvedAt = Now, UpdatedAt = Now } };
                    _effects.Add(new CaseChanged(CaseUpdate.Resolved, Send: false));
                    break;
            }
        }

        /// <summary>A flap brings the same case back: a sent one gets a "broken again" follow-up on its thread.</summary>
        private void ReviveCase(bool send)
        {
            switch (S.Case)
            {
                case { Phase: CasePhase.Resolved } c:
                    var sent = c.SubmittedAt is not null;
                    S = S with { Case = c with { Phase = sent ? CasePhase.Submitted : CasePhase.Drafted, ResolvedAt = null, UpdatedAt = Now } };
                    _effects.Add(new CaseChanged(CaseUpdate.BrokenAgain, Send: send && sent));
                    break;
                case { Phase: CasePhase.Submitted } c when send:
                    // Revived while held; the follow-up goes out with the released notice.
                    _effects.Add(new CaseChanged(CaseUpdate.BrokenAgain, Send: c.SubmittedAt is not null));
                    break;
                case { Phase: CasePhase.Cancelled } c:
                    var due = c.Kind == CaseKind.Urgent ? Now + policy.ConfirmationDelay : context.NextBusinessTime;
                    S = S with { Case = c with { Phase = CasePhase.Pending, DueAt = due, UpdatedAt = Now } };
                    _effects.Add(new CaseChanged(CaseUpdate.Pending, Send: false));
                    break;
            }
        }
    }
}
