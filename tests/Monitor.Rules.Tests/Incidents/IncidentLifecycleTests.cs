using Monitor.Rules.Alerts;
using Monitor.Rules.Incidents;

namespace Monitor.Rules.Tests.Incidents;

public sealed class IncidentLifecycleTests
{
    private static readonly DateTimeOffset T0 = TestClock.Start;

    private static IncidentPolicy Policy(UrgentCaseMode mode = UrgentCaseMode.Auto, TimeSpan? repeat = null, TimeSpan? escalate = null) =>
        new(RouteTable.Default, repeat ?? TimeSpan.FromHours(1), escalate ?? TimeSpan.FromMinutes(30), HasLevelTwo: true, HasContacts: true,
            mode, TimeSpan.FromMinutes(5), StandardCases: true, ReopenWindow: TimeSpan.FromMinutes(30));

    private static IncidentContext At(TimeSpan offset, string? hold = null, TimeSpan? business = null) =>
        new(T0 + offset, hold, T0 + (business ?? offset));

    private static IncidentAlert Alert(string rule, Severity severity = Severity.Critical, AlertCategory category = AlertCategory.OrdersBlocked, string signal = "checkout", bool inhibited = false) =>
        new(Fingerprints.For(rule, signal), rule, signal, severity, category, true, inhibited, T0, T0, $"{rule} 100% failing", "{}");

    private static IncidentDecision Open(IncidentAlert alert, IncidentPolicy? policy = null, IncidentContext? context = null) =>
        IncidentLifecycle.Fire(null, null, "problem:fulfillment", "fulfillment", alert, policy ?? Policy(), context ?? At(TimeSpan.Zero));

    private static List<NoticeKind> Notices(IncidentDecision d) => [.. d.Effects.OfType<NoticeDue>().Select(n => n.Kind)];

    private static List<CaseChanged> Cases(IncidentDecision d) => [.. d.Effects.OfType<CaseChanged>()];

    [Fact]
    public void Fire_UrgentAlertOnNewProblem_TellsEmergencyAndSubmitsUrgentCase()
    {
        var d = Open(Alert("probe-down", category: AlertCategory.IntegrationDown));

        Assert.Equal([NoticeKind.Firing], Notices(d));
        Assert.True(d.Effects.OfType<NoticeDue>().Single().Route.Emergency);
        Assert.Equal(CaseUpdate.Submitted, Assert.Single(Cases(d)).Update);
        Assert.Equal(CaseKind.Urgent, d.State.Case!.Kind);
        Assert.Equal(new IncidentLevel(Severity.Critical, AlertCategory.IntegrationDown), d.State.Announced);
    }

    [Fact]
    public void Fire_SecondAlertAtSameOrLowerLevel_JoinsAndSendsNothing()
    {
        var opened = Open(Alert("probe-down", category: AlertCategory.IntegrationDown)).State;

        var joined = IncidentLifecycle.Fire(opened, null, opened.Key, "fulfillment", Alert("checkout-errors"), Policy(), At(TimeSpan.FromSeconds(20)));
        var third = IncidentLifecycle.Fire(joined.State, null, opened.Key, "fulfillment", Alert("submit-errors", signal: "submit_order"), Policy(), At(TimeSpan.FromSeconds(40)));

        Assert.Empty(Notices(joined));
        Assert.Empty(Cases(joined));
        Assert.Empty(Notices(third));
        Assert.Equal(3, third.State.Alerts.Count);
        Assert.Equal("probe-down", third.State.Rule);
        Assert.Contains(third.Effects.OfType<Noted>(), n => n.Text.Contains("submit-errors on submit_order joined", StringComparison.Ordinal));
    }

    [Fact]
    public void Fire_WorseAlertJoinsMajorIncident_EscalatesOnceAndMakesStandardCaseUrgent()
    {
        var warning = Open(Alert("checkout-warning", Severity.Major, AlertCategory.TechnicalSupport), context: At(TimeSpan.Zero, business: TimeSpan.FromHours(3)));
        Assert.Equal([NoticeKind.Firing], Notices(warning));
        Assert.False(warning.Effects.OfType<NoticeDue>().Single().Route.Emergency);
        Assert.Equal((CaseKind.Standard, CasePhase.Pending), (warning.State.Case!.Kind, warning.State.Case.Phase));

        var urgent = IncidentLifecycle.Fire(warning.State, null, warning.State.Key, "fulfillment", Alert("checkout-errors"), Policy(), At(TimeSpan.FromMinutes(2)));
        var again = IncidentLifecycle.Fire(urgent.State, null, warning.State.Key, "fulfillment", Alert("submit-errors", signal: "submit_order"), Policy(), At(TimeSpan.FromMinutes(3)));

        var escalation = Assert.Single(urgent.Effects.OfType<NoticeDue>());
        Assert.Equal(NoticeKind.Escalated, escalation.Kind);
        Assert.True(escalation.Route.Emergency && escalation.Route.Technical);
        Assert.Equal(CaseKind.Urgent, urgent.State.Case!.Kind);
        Assert.Equal(CasePhase.Submitted, urgent.State.Case.Phase);
        Assert.Equal([CaseUpdate.Submitted], Cases(urgent).Select(c => c.Update));
        Assert.Empty(Notices(again));
        Assert.Empty(Cases(again));
    }

    [Fact]
    public void Fire_WorseAlertAfterStandardCaseWasSent_SendsUrgentFollowUpOnSameCase()
    {
        var warning = Open(Alert("checkout-warning", Severity.Major, AlertCategory.TechnicalSupport));
        Assert.Equal(CasePhase.Submitted, warning.State.Case!.Phase);
        var sent = warning.State with { Case = warning.State.Case with { Id = 7 } };

        var urgent = IncidentLifecycle.Fire(sent, null, sent.Key, "fulfillment", Alert("checkout-errors"), Policy(), At(TimeSpan.FromMinutes(2)));

        var change = Assert.Single(Cases(urgent));
        Assert.Equal((CaseUpdate.Urgent, true), (change.Update, change.Send));
        Assert.Equal(7, urgent.State.Case!.Id);
        Assert.Equal(CaseKind.Urgent, urgent.State.Case.Kind);
    }

    [Fact]
    public void Resolve_LastAlertOfSeveral_ResolvesOnceWithOneNotice()
    {
        var s = Open(Alert("probe-down", category: AlertCategory.IntegrationDown)).State;
        s = IncidentLifecycle.Fire(s, null, s.Key, "fulfillment", Alert("checkout-errors"), Policy(), At(TimeSpan.FromSeconds(10))).State;

        var first = IncidentLifecycle.Resolve(s, Alert("probe-down", category: AlertCategory.IntegrationDown), Policy(), At(TimeSpan.FromMinutes(5)));
        var last = IncidentLifecycle.Resolve(first.State, Alert("checkout-errors"), Policy(), At(TimeSpan.FromMinutes(6)));

        Assert.Empty(Notices(first));
        Assert.Equal(IncidentPhase.Open, first.State.Phase);
        Assert.Equal([NoticeKind.Resolved], Notices(last));
        Assert.Equal(IncidentPhase.Resolved, last.State.Phase);
        Assert.Equal(CasePhase.Resolved, last.State.Case!.Phase);
        Assert.Contains(Cases(last), c => c is { Update: CaseUpdate.Resolved, Send: true });
    }

    [Fact]
    public void Fire_WithinReopenWindow_ReopensWithNewEpisodeAndBrokenAgainFollowUp()
    {
        var s = Open(Alert("checkout-errors")).State;
        s = IncidentLifecycle.Acknowledge(s, "alice", "cli", null, Policy(), At(TimeSpan.FromMinutes(1))).State;
        s = IncidentLifecycle.Resolve(s, Alert("checkout-errors"), Policy(), At(TimeSpan.FromMinutes(5))).State;
        var back = Alert("checkout-errors") with { Since = T0 + TimeSpan.FromMinutes(15) };

        var d = IncidentLifecycle.Fire(null, s, s.Key, "fulfillment", back, Policy(), At(TimeSpan.FromMinutes(16)));

        Assert.Equal([NoticeKind.Reopened], Notices(d));
        Assert.Contains(Cases(d), c => c is { Update: CaseUpdate.BrokenAgain, Send: true });
        Assert.Equal(1, d.State.Reopened);
        Assert.Equal(T0 + TimeSpan.FromMinutes(15), d.State.Since);
        Assert.False(d.State.Acknowledged);
        Assert.NotNull(d.State.NextReminderAt);
        Assert.Equal(CasePhase.Submitted, d.State.Case!.Phase);
    }

    [Fact]
    public void Fire_AfterReopenWindow_OpensNewIncident()
    {
        var s = Open(Alert("checkout-errors")).State;
        s = IncidentLifecycle.Resolve(s, Alert("checkout-errors"), Policy(), At(TimeSpan.FromMinutes(5))).State;

        var d = IncidentLifecycle.Fire(null, s, s.Key, "fulfillment", Alert("checkout-errors"), Policy(), At(TimeSpan.FromMinutes(36)));

        Assert.Equal(0, d.State.Reopened);
        Assert.Equal(0, d.State.Id);
        Assert.Equal(T0 + TimeSpan.FromMinutes(36), d.State.OpenedAt);
        Assert.Equal([NoticeKind.Firing], Notices(d));
    }

    [Fact]
    public void Fire_InhibitedAlert_IsShownButTellsNobody()
    {
        var d = Open(Alert("checkout-warning", Severity.Major, AlertCategory.TechnicalSupport, inhibited: true));

        Assert.Empty(Notices(d));
        Assert.Null(d.State.Case);
        Assert.Single(d.State.Alerts);
        Assert.Contains(d.Effects.OfType<Noted>(), n => n.Kind == "inhibited");
    }

    [Fact]
    public void Tick_HoldEnds_ReleasesTheOpeningNotice()
    {
        var held = Open(Alert("checkout-errors"), context: At(TimeSpan.Zero, hold: "maintenance"));
        Assert.Empty(Notices(held));
        Assert.Equal(HeldNotice.Opening, held.State.Held);

        var still = IncidentLifecycle.Tick(held.State, Policy(), At(TimeSpan.FromMinutes(1), hold: "maintenance"));
        var released = IncidentLifecycle.Tick(still.State, Policy(), At(TimeSpan.FromMinutes(2)));

        Assert.Empty(still.Effects);
        Assert.Equal([NoticeKind.Firing], Notices(released));
        Assert.Equal(HeldNotice.None, released.State.Held);
    }

    [Fact]
    public void Tick_ReminderThenLevelTwo_AtTheirTimesOnly()
    {
        var s = Open(Alert("checkout-errors"), Policy(repeat: TimeSpan.FromMinutes(10), escalate: TimeSpan.FromMinutes(25))).State;
        var p = Policy(repeat: TimeSpan.FromMinutes(10), escalate: TimeSpan.FromMinutes(25));

        var early = IncidentLifecycle.Tick(s, p, At(TimeSpan.FromMinutes(9)));
        var reminder = IncidentLifecycle.Tick(early.State, p, At(TimeSpan.FromMinutes(10)));
        var levelTwo = IncidentLifecycle.Tick(reminder.State, p, At(TimeSpan.FromMinutes(25)));

        Assert.Empty(Notices(early));
        Assert.Equal([NoticeKind.Reminder], Notices(reminder));
        Assert.Equal([NoticeKind.LevelTwo], Notices(levelTwo));
        Assert.Equal(2, levelTwo.State.EscalationLevel);
        Assert.Equal(2, levelTwo.Effects.OfType<NoticeDue>().Single().EscalationLevel);
    }

    [Fact]
    public void Tick_UrgentCaseDueAfterAcknowledgement_IsCancelled()
    {
        var p = Policy(UrgentCaseMode.AfterConfirmation);
        var s = Open(Alert("checkout-errors"), p).State;
        Assert.Equal(CasePhase.Pending, s.Case!.Phase);
        s = IncidentLifecycle.Acknowledge(s, "bob", "link", null, p, At(TimeSpan.FromMinutes(1))).State;

        var d = IncidentLifecycle.Tick(s, p, At(TimeSpan.FromMinutes(5)));

        Assert.Equal(CasePhase.Cancelled, d.State.Case!.Phase);
        Assert.Equal([CaseUpdate.Cancelled], Cases(d).Select(c => c.Update));
    }

    [Fact]
    public void Tick_UrgentCaseDueUnacknowledged_IsSubmittedOnce()
    {
        var p = Policy(UrgentCaseMode.AfterConfirmation);
        var s = Open(Alert("checkout-errors"), p).State;

        var due = IncidentLifecycle.Tick(s, p, At(TimeSpan.FromMinutes(5)));
        var later = IncidentLifecycle.Tick(due.State, p, At(TimeSpan.FromMinutes(6)));

        Assert.Equal([CaseUpdate.Submitted], Cases(due).Select(c => c.Update));
        Assert.Empty(Cases(later));
    }

    [Fact]
    public void Acknowledge_OpenNotifiedIncident_StopsTimersAndSendsAcknowledged()
    {
        var s = Open(Alert("checkout-errors")).State;

        var d = IncidentLifecycle.Acknowledge(s, "carol", "api", "on it", Policy(), At(TimeSpan.FromMinutes(1)));

        Assert.Equal([NoticeKind.Acknowledged], Notices(d));
        Assert.Null(d.State.NextReminderAt);
        Assert.Null(d.State.EscalateAt);
        Assert.Equal("carol", d.State.AcknowledgedBy);
    }

    [Fact]
    public void Resolve_WhileHeldAfterNotice_HoldsTheResolvedNoticeUntilRelease()
    {
        var s = Open(Alert("checkout-errors")).State;

        var resolved = IncidentLifecycle.Resolve(s, Alert("checkout-errors"), Policy(), At(TimeSpan.FromMinutes(3), hold: "silence 1"));
        var released = IncidentLifecycle.Tick(resolved.State, Policy(), At(TimeSpan.FromMinutes(10)));

        Assert.Empty(Notices(resolved));
        Assert.Equal(HeldNotice.Resolved, resolved.State.Held);
        Assert.Equal([NoticeKind.Resolved], Notices(released));
    }

    [Fact]
    public void Inhibit_LastCountedAlert_ResolvesIncident()
    {
        var s = Open(Alert("checkout-warning", Severity.Major, AlertCategory.TechnicalSupport)).State;

        var d = IncidentLifecycle.Inhibit(s, Alert("checkout-warning", Severity.Major, AlertCategory.TechnicalSupport), "probe-down on fulfillment", Policy(), At(TimeSpan.FromMinutes(1)));

        Assert.Equal(IncidentPhase.Resolved, d.State.Phase);
        Assert.True(d.State.Alerts.Single().Inhibited);
    }
}
