using Monitor.Rules.Incidents;

namespace Monitor.Rules.Tests.Incidents;

/// <summary>The one case of an incident, each change on its own: no incident, no clock but the one given.</summary>
public sealed class IncidentCasesTests
{
    private static readonly DateTimeOffset T0 = TestClock.Start;

    private static readonly Route Urgent = new(true, true, false, CaseKind.Urgent, null);

    private static readonly Route Standard = new(false, true, false, CaseKind.Standard, null);

    private static IncidentPolicy Policy(UrgentCaseMode mode, TimeSpan? delay = null, bool standardCases = true) =>
        new(RouteTable.Default, TimeSpan.FromHours(1), TimeSpan.FromMinutes(30), HasLevelTwo: false, HasContacts: true,
            mode, delay ?? TimeSpan.FromMinutes(5), standardCases, TimeSpan.FromMinutes(30));

    private static IncidentContext At(TimeSpan offset, TimeSpan? business = null) => new(T0 + offset, null, T0 + (business ?? offset));

    private static CaseState Case(CaseKind kind, CasePhase phase, DateTimeOffset? submitted = null, DateTimeOffset? due = null) =>
        new(7, kind, phase, T0, due, submitted, null, T0);

    [Fact]
    public void For_UrgentRouteAfterConfirmation_WaitsTheDelayUnsent()
    {
        var step = IncidentCases.For(null, Urgent, Policy(UrgentCaseMode.AfterConfirmation), At(TimeSpan.Zero))!.Value;

        Assert.Equal(CasePhase.Pending, step.Case.Phase);
        Assert.Equal(T0 + TimeSpan.FromMinutes(5), step.Case.DueAt);
        Assert.Equal(new CaseChanged(CaseUpdate.Pending, Send: false), step.Change);
    }

    [Fact]
    public void For_StandardRouteWithStandardCasesOff_OpensNothing()
    {
        Assert.Null(IncidentCases.For(null, Standard, Policy(UrgentCaseMode.Auto, standardCases: false), At(TimeSpan.Zero)));
    }

    [Fact]
    public void For_UrgentRouteOnSubmittedStandardCase_SameCaseUrgentWithAFollowUp()
    {
        var sent = Case(CaseKind.Standard, CasePhase.Submitted, submitted: T0);

        var step = IncidentCases.For(sent, Urgent, Policy(UrgentCaseMode.AfterConfirmation), At(TimeSpan.FromMinutes(2)))!.Value;

        Assert.Equal(7, step.Case.Id);
        Assert.Equal(CaseKind.Urgent, step.Case.Kind);
        Assert.Equal(CasePhase.Submitted, step.Case.Phase);
        Assert.Equal(new CaseChanged(CaseUpdate.Urgent, Send: true), step.Change);
        Assert.Null(IncidentCases.For(step.Case, Urgent, Policy(UrgentCaseMode.AfterConfirmation), At(TimeSpan.FromMinutes(3))));
    }

    [Fact]
    public void For_UrgentRouteOnWaitingStandardCase_KeepsTheEarlierDueTime()
    {
        var waiting = Case(CaseKind.Standard, CasePhase.Pending, due: T0 + TimeSpan.FromMinutes(1));

        var step = IncidentCases.For(waiting, Urgent, Policy(UrgentCaseMode.AfterConfirmation), At(TimeSpan.Zero))!.Value;

        Assert.Equal(CaseKind.Urgent, step.Case.Kind);
        Assert.Equal(T0 + TimeSpan.FromMinutes(1), step.Case.DueAt);
        Assert.False(step.Change.Send);
    }

    [Fact]
    public void Revive_ResolvedSentCase_BackToSubmittedWithBrokenAgainSent()
    {
        var resolved = Case(CaseKind.Urgent, CasePhase.Resolved, submitted: T0) with { ResolvedAt = T0 + TimeSpan.FromMinutes(4) };

        var step = IncidentCases.Revive(resolved, send: true, Policy(UrgentCaseMode.Auto), At(TimeSpan.FromMinutes(6)))!.Value;

        Assert.Equal(CasePhase.Submitted, step.Case.Phase);
        Assert.Null(step.Case.ResolvedAt);
        Assert.Equal(new CaseChanged(CaseUpdate.BrokenAgain, Send: true), step.Change);
    }

    [Fact]
    public void SubmitDue_AcknowledgedUrgentCase_CancelledNotSent()
    {
        var waiting = Case(CaseKind.Urgent, CasePhase.Pending, due: T0 + TimeSpan.FromMinutes(5));

        Assert.Null(IncidentCases.SubmitDue(waiting, open: true, acknowledged: true, held: false, T0 + TimeSpan.FromMinutes(4)));
        var step = IncidentCases.SubmitDue(waiting, open: true, acknowledged: true, held: false, T0 + TimeSpan.FromMinutes(5))!.Value;

        Assert.Equal(CasePhase.Cancelled, step.Case.Phase);
        Assert.Equal(new CaseChanged(CaseUpdate.Cancelled, Send: false), step.Change);
    }

    [Fact]
    public void SubmitDue_DueWhileHeld_WaitsThenSubmits()
    {
        var waiting = Case(CaseKind.Urgent, CasePhase.Pending, due: T0 + TimeSpan.FromMinutes(5));
        var later = T0 + TimeSpan.FromMinutes(9);

        Assert.Null(IncidentCases.SubmitDue(waiting, open: true, acknowledged: false, held: true, later));
        var step = IncidentCases.SubmitDue(waiting, open: true, acknowledged: false, held: false, later)!.Value;

        Assert.Equal(CasePhase.Submitted, step.Case.Phase);
        Assert.Equal(later, step.Case.SubmittedAt);
        Assert.Equal(new CaseChanged(CaseUpdate.Submitted, Send: true), step.Change);
    }

    [Fact]
    public void Close_WaitingCaseCancelled_SentCaseResolved()
    {
        var now = T0 + TimeSpan.FromMinutes(3);

        Assert.Equal(CaseUpdate.Cancelled, IncidentCases.Close(Case(CaseKind.Urgent, CasePhase.Pending), now)!.Value.Change.Update);
        Assert.Equal(CasePhase.Resolved, IncidentCases.Close(Case(CaseKind.Urgent, CasePhase.Submitted, submitted: T0), now)!.Value.Case.Phase);
        Assert.Null(IncidentCases.Close(Case(CaseKind.Urgent, CasePhase.Cancelled), now));
    }
}
