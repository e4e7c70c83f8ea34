using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Monitor.Rules.Alerts;
using static Monitor.Tests.Incidents.IncidentHarness;

namespace Monitor.Tests.Incidents;

/// <summary>One problem, one incident, one case: alerts of one problem share an incident that escalates in its own thread.</summary>
public sealed class OneProblemTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
    private const string Support = "support@google.example";

    private static IncidentHarness Harness(FakeTimeProvider time, CapturingTransport mail, Action<Monitor.Configuration.MonitorOptions>? configure = null) =>
        Create(Options_(NewDataDirectory(), o =>
        {
            o.Cases.Mode = "auto";
            o.Cases.SupportEmail = Support;
            configure?.Invoke(o);
        }), time, mail);

    private static List<MimeMessage> To(CapturingTransport mail, string address) =>
        [.. mail.Messages.Where(m => m.To.Mailboxes.Any(b => b.Address == address))];

    private static List<MimeMessage> Cases(CapturingTransport mail) => To(mail, Support);

    [Fact]
    public async Task Escalation_MajorThenUrgentJoins_OneFiringThenOneEscalationInTheSameThread_CaseBecomesUrgentOnce()
    {
        var time = new FakeTimeProvider(Start);
        var mail = new CapturingTransport();
        await using var h = Harness(time, mail);

        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "checkout-errors-warning", severity: Severity.Major, category: AlertCategory.TechnicalSupport)], default);
        time.Advance(TimeSpan.FromMinutes(3));
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "checkout-errors")], default);
        time.Advance(TimeSpan.FromMinutes(1));
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "submit-order-errors", signal: "submit_order")], default);
        await h.Worker.DeliverDueAsync(default);

        var incident = Assert.Single(await h.Incidents.ListAsync());
        Assert.True(incident.Urgent);
        var technical = To(mail, "dev@acme.example");
        var emergency = To(mail, "oncall@acme.example");
        Assert.Equal(2, technical.Count);
        Assert.StartsWith("[FIRING] [major] [technical-support]", technical[0].Subject, StringComparison.Ordinal);
        Assert.StartsWith("[NOW URGENT] [critical] [orders-blocked]", technical[1].Subject, StringComparison.Ordinal);
        Assert.Equal(technical[0].MessageId, technical[1].InReplyTo);
        Assert.Same(technical[1], Assert.Single(emergency));

        var caseMails = Cases(mail);
        Assert.Equal(2, caseMails.Count);
        Assert.StartsWith("[Technical support]", caseMails[0].Subject, StringComparison.Ordinal);
        Assert.EndsWith(": now urgent", caseMails[1].Subject, StringComparison.Ordinal);
        Assert.Equal(caseMails[0].MessageId, caseMails[1].InReplyTo);
        var onlyCase = Assert.Single(await h.Incidents.CasesAsync());
        Assert.Equal("urgent", onlyCase.Kind);
        Assert.Contains("checkout-errors-warning", caseMails[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("`checkout-errors`", caseMails[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondProblem_FeedGoesBadDuringTheOutage_OpensItsOwnIncidentWithAStandardCase()
    {
        var time = new FakeTimeProvider(Start);
        var mail = new CapturingTransport();
        await using var h = Harness(time, mail, o => o.Targets.Http.Add(new() { Name = "fulfillment", Url = "https://partner.example/fulfillment" }));

        await h.Intake.HandleAsync([
            Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "fulfillment-down", signal: "fulfillment", category: AlertCategory.IntegrationDown),
            Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "checkout-errors"),
            Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "submit-order-errors", signal: "submit_order"),
        ], default);
        time.Advance(TimeSpan.FromMinutes(2));
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "feed-entity-errors", signal: "feed:MenuItem", severity: Severity.Major, category: AlertCategory.TechnicalSupport)], default);
        await h.Worker.DeliverDueAsync(default);

        var incidents = await h.Incidents.ListAsync();
        Assert.Equal(2, incidents.Count);
        var cases = await h.Incidents.CasesAsync();
        Assert.Equal(["standard", "urgent"], cases.Select(c => c.Kind).Order());
        Assert.Single(Cases(mail), m => m.Subject!.StartsWith("[Urgent technical support]", StringComparison.Ordinal));
        Assert.Single(Cases(mail), m => m.Subject!.StartsWith("[Technical support]", StringComparison.Ordinal));
        Assert.Single(To(mail, "oncall@acme.example"));
    }

    [Fact]
    public async Task FeedUpload_ErrorsInFourEntityTypes_IsOneIncidentAndOneCase()
    {
        var time = new FakeTimeProvider(Start);
        var mail = new CapturingTransport();
        await using var h = Harness(time, mail);

        string[] types = ["Restaurant", "Menu", "MenuItem", "MenuItemOffer"];
        await h.Intake.HandleAsync([.. types.Select(t =>
            Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "feed-entity-errors", signal: "feed:" + t, severity: Severity.Major, category: AlertCategory.TechnicalSupport))], default);
        await h.Worker.DeliverDueAsync(default);

        var incident = Assert.Single(await h.Incidents.ListAsync());
        var detail = await h.Incidents.GetAsync(incident.Number);
        Assert.Equal(4, detail!.Alerts.Count);
        Assert.Single(await h.Incidents.CasesAsync());
        var caseMail = Assert.Single(Cases(mail));
        Assert.All(types, t => Assert.Contains("feed:" + t, caseMail.TextBody, StringComparison.Ordinal));
        Assert.Single(To(mail, "dev@acme.example"));
    }

    [Fact]
    public async Task Reopen_UrgentIncidentBrokenAgain_SupportGetsFollowUp_AndEmailsCarryTheNewEpisodeAndAnAckLink()
    {
        var time = new FakeTimeProvider(Start);
        var mail = new CapturingTransport();
        await using var h = Harness(time, mail, o => o.Incidents.ReopenWindow = "30m");

        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow())], default);
        var incident = Assert.Single(await h.Incidents.ListAsync());
        await h.Acks.AcknowledgeAsync(incident.Number, "alice", "cli", null);
        time.Advance(TimeSpan.FromMinutes(5));
        await h.Intake.HandleAsync([Transition(TransitionKind.Resolved, time.GetUtcNow())], default);
        time.Advance(TimeSpan.FromMinutes(10));
        var secondSince = time.GetUtcNow();
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, secondSince, since: secondSince)], default);
        await h.Worker.DeliverDueAsync(default);

        var caseMails = Cases(mail);
        Assert.Equal(3, caseMails.Count);
        Assert.EndsWith(": resolved", caseMails[1].Subject, StringComparison.Ordinal);
        Assert.EndsWith(": broken again", caseMails[2].Subject, StringComparison.Ordinal);
        Assert.Equal(caseMails[0].MessageId, caseMails[2].InReplyTo);
        var again = To(mail, "oncall@acme.example").Last();
        Assert.StartsWith("[URGENT BROKEN AGAIN]", again.Subject, StringComparison.Ordinal);
        Assert.Contains($"Since:     {secondSince:yyyy-MM-dd HH:mm:ss} UTC", again.TextBody, StringComparison.Ordinal);
        Assert.Contains("Acknowledge: https://monitor.acme.example/ack?t=", again.TextBody, StringComparison.Ordinal);
        var current = Assert.Single(await h.Incidents.ListAsync());
        Assert.False(current.Acknowledged);
        Assert.Equal("submitted", current.Case!.Status);
        var bundle = await File.ReadAllTextAsync(Path.Combine(h.Options.DataDirectory, current.Case.Bundle!, "case.json"));
        Assert.Contains("\"status\": \"submitted\"", bundle, StringComparison.Ordinal);
    }

    /// <summary>
    /// The in-process host stopped abruptly with its mail down, then the engine reporting the same firing again after
    /// the restart. The real process killed with SIGKILL during an escalation is <see cref="EscalationKillTests"/>.
    /// </summary>
    [Fact]
    public async Task AbruptStop_DuringAnEscalationWithMailDown_ThenTheSameFiringAgain_EveryMessageArrivesOnce()
    {
        var time = new FakeTimeProvider(Start);
        var directory = NewDataDirectory();
        var options = Options_(directory, o =>
        {
            o.Cases.Mode = "auto";
            o.Cases.SupportEmail = Support;
        });
        var down = new CapturingTransport { Failing = true };
        var first = Create(options, time, down);
        await first.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "checkout-errors-warning", severity: Severity.Major, category: AlertCategory.TechnicalSupport)], default);
        time.Advance(TimeSpan.FromMinutes(2));
        await first.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "checkout-errors")], default);
        await first.Worker.DeliverDueAsync(default);
        await first.KillAsync();
        Assert.Empty(down.Messages);

        var mail = new CapturingTransport();
        await using var second = Create(options, time, mail);
        // The engine may report the same firing again after a restart: it joins, it does not send again.
        await second.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "checkout-errors")], default);
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromMinutes(5));
            await second.Worker.DeliverDueAsync(default);
        }

        Assert.Equal(2, To(mail, "dev@acme.example").Count);
        Assert.Single(To(mail, "oncall@acme.example"));
        Assert.Equal(2, Cases(mail).Count);
        Assert.Equal(mail.Messages.Count, mail.Messages.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Silence_NamingAProblem_HoldsItsFeedAlertsButNotTheFulfillmentEndpoint()
    {
        var time = new FakeTimeProvider(Start);
        var mail = new CapturingTransport();
        await using var h = Harness(time, mail);
        await h.Silences.AddSilenceAsync(null, "inventory", null, TimeSpan.FromHours(2), "feed migration", "test");

        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "entity-age", signal: "feed-age", severity: Severity.Major, category: AlertCategory.TechnicalSupport)], default);
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "checkout-errors")], default);
        await h.Worker.DeliverDueAsync(default);

        var incidents = await h.Incidents.ListAsync();
        Assert.Equal("opening", Assert.Single(incidents, i => i.Rule == "entity-age").HeldNotice);
        Assert.Null(Assert.Single(incidents, i => i.Rule == "checkout-errors").HeldNotice);
        Assert.DoesNotContain(mail.Messages, m => m.Subject!.Contains("entity-age", StringComparison.Ordinal));
    }
}
