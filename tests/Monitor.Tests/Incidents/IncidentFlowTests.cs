using Microsoft.Extensions.Time.Testing;
using Monitor.Incidents;
using Monitor.Incidents.Acknowledgement;
using Monitor.Rules.Alerts;
using Monitor.Storage;
using static Monitor.Tests.Incidents.IncidentHarness;

namespace Monitor.Tests.Incidents;

public sealed class IncidentFlowTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FlappingAlert_MakesOneIncidentAndOneCase_AndThreadsEveryEmail()
    {
        var time = new FakeTimeProvider(Start);
        var mail = new CapturingTransport();
        var options = Options_(NewDataDirectory(), o =>
        {
            o.Cases.Mode = "auto";
            o.Cases.SupportEmail = "support@partner.example";
            o.Incidents.ReopenWindow = "30m";
        });
        await using var h = Create(options, time, mail);

        for (var flap = 0; flap < 4; flap++)
        {
            await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow())], default);
            time.Advance(TimeSpan.FromMinutes(2));
            await h.Intake.HandleAsync([Transition(TransitionKind.Resolved, time.GetUtcNow())], default);
            time.Advance(TimeSpan.FromMinutes(3));
        }

        await h.Worker.DeliverDueAsync(default);

        var incidents = await h.Incidents.ListAsync();
        var incident = Assert.Single(incidents);
        Assert.Equal(3, incident.Reopened);
        Assert.Single(await h.Incidents.CasesAsync());
        Assert.Equal("resolved", incident.Case!.Status);

        var thread = mail.Messages.Where(m => m.Headers["X-Monitor-Incident"] == incident.Id && m.To.ToString().Contains("oncall", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, thread.Count); // firing, resolved, then reopened + resolved three times
        var root = thread[0].MessageId;
        Assert.All(thread.Skip(1), m =>
        {
            Assert.Equal(root, m.InReplyTo);
            Assert.Contains(root, m.References);
        });
        Assert.Equal(thread.Count, thread.Select(m => m.MessageId).Distinct().Count());
        Assert.StartsWith("[URGENT FIRING] [critical] [orders-blocked] acme: checkout-errors on checkout", thread[0].Subject, StringComparison.Ordinal);
        Assert.Single(mail.Messages, m => m.To.ToString().Contains("support@partner.example", StringComparison.Ordinal) && !m.Subject!.StartsWith("Re:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Maintenance_HoldsEverything_AndReleasesOnlyWhatIsStillOpen()
    {
        var time = new FakeTimeProvider(Start);
        var mail = new CapturingTransport();
        var options = Options_(NewDataDirectory(), o =>
        {
            o.Cases.Mode = "auto";
            o.Cases.SupportEmail = "support@partner.example";
            o.Maintenance.PauseReminderAfter = "1h";
        });
        await using var h = Create(options, time, mail);

        await h.Maintenance.StartMaintenanceAsync(TimeSpan.FromHours(2), "database upgrade", "test");
        await h.Worker.DeliverDueAsync(default);
        var pause = Assert.Single(mail.Messages);
        Assert.Contains("pause the integration", pause.Subject, StringComparison.Ordinal);

        // Resolved during maintenance: never sent, no case.
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "feed-stale", signal: "inventory")], default);
        time.Advance(TimeSpan.FromMinutes(10));
        await h.Intake.HandleAsync([Transition(TransitionKind.Resolved, time.GetUtcNow(), rule: "feed-stale", signal: "inventory")], default);
        // Still open when maintenance ends: sent then, with its case.
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow())], default);
        time.Advance(TimeSpan.FromMinutes(30));
        await h.Ticker.TickAsync();
        await h.Worker.DeliverDueAsync(default);
        Assert.Single(mail.Messages);

        time.Advance(TimeSpan.FromMinutes(81));
        await h.Ticker.TickAsync();
        await h.Worker.DeliverDueAsync(default);

        var after = mail.Messages.Skip(1).ToList();
        Assert.DoesNotContain(after, m => m.Subject!.Contains("feed-stale", StringComparison.Ordinal));
        Assert.Contains(after, m => m.Subject!.StartsWith("[URGENT FIRING]", StringComparison.Ordinal) && m.Subject!.Contains("checkout-errors", StringComparison.Ordinal));
        Assert.Contains(after, m => m.To.ToString().Contains("support@partner.example", StringComparison.Ordinal));
        var cases = await h.Incidents.CasesAsync();
        var only = Assert.Single(cases);
        Assert.Equal("submitted", only.Status);
        var stale = (await h.Incidents.ListAsync()).Single(i => i.Rule == "feed-stale");
        Assert.Null(stale.Case);
        Assert.Null(stale.HeldNotice);
    }

    [Fact]
    public async Task StandardCase_RaisedFridayEveningBeforeHolidayMonday_IsSubmittedTuesdayAtOpening()
    {
        // Friday 3 April 2026, 19:30 in Paris; Monday 6 April is Easter Monday.
        var friday = new DateTimeOffset(2026, 4, 3, 19, 30, 0, TimeSpan.FromHours(2));
        var time = new FakeTimeProvider(friday);
        var mail = new CapturingTransport();
        var options = Options_(NewDataDirectory(), o =>
        {
            o.Cases.SupportEmail = "support@partner.example";
            o.Calendar.TimeZone = "Europe/Paris";
            o.Calendar.Start = "09:00";
            o.Calendar.End = "18:00";
            o.Calendar.Holidays = ["2026-04-06"];
            o.Incidents.RepeatInterval = "0s";
        });
        await using var h = Create(options, time, mail);

        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "feed-errors", signal: "inventory",
            severity: Severity.Major, category: AlertCategory.TechnicalSupport)], default);
        var pending = Assert.Single(await h.Incidents.CasesAsync());
        Assert.Equal("pending", pending.Status);
        var tuesdayOpening = new DateTimeOffset(2026, 4, 7, 9, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal(tuesdayOpening, pending.DueAt);

        // Saturday, Sunday, holiday Monday, Tuesday just before opening: nothing goes to support.
        foreach (var at in new[] { friday.AddHours(14), friday.AddDays(2), new DateTimeOffset(2026, 4, 6, 10, 0, 0, TimeSpan.FromHours(2)), tuesdayOpening.AddMinutes(-1) })
        {
            time.SetUtcNow(at);
            await h.Ticker.TickAsync();
            await h.Worker.DeliverDueAsync(default);
            Assert.DoesNotContain(mail.Messages, m => m.To.ToString().Contains("support@", StringComparison.Ordinal));
        }

        time.SetUtcNow(tuesdayOpening);
        await h.Ticker.TickAsync();
        await h.Worker.DeliverDueAsync(default);
        var submitted = Assert.Single(await h.Incidents.CasesAsync());
        Assert.Equal("submitted", submitted.Status);
        Assert.Equal(tuesdayOpening, submitted.SubmittedAt);
        var caseMail = Assert.Single(mail.Messages, m => m.To.ToString().Contains("support@", StringComparison.Ordinal));
        Assert.StartsWith("[Technical support]", caseMail.Subject, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(options.DataDirectory, submitted.Bundle!, "case.md")));
        Assert.True(File.Exists(Path.Combine(options.DataDirectory, submitted.Bundle!, "case.json")));
    }

    [Fact]
    public async Task Acknowledging_StopsRemindersAndEscalation_ButNotTheResolvedNotice()
    {
        var time = new FakeTimeProvider(Start);
        var mail = new CapturingTransport();
        var options = Options_(NewDataDirectory(), o =>
        {
            o.Incidents.RepeatInterval = "10m";
            o.Incidents.Escalation.After = "15m";
        });
        await using var h = Create(options, time, mail);
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), severity: Severity.Major, category: AlertCategory.None)], default);
        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromMinutes(5));
            await h.Ticker.TickAsync();
        }

        await h.Worker.DeliverDueAsync(default);
        Assert.Equal(["FIRING", "REMINDER", "ESCALATED"], mail.Messages.Select(Label));
        Assert.Contains("boss@acme.example", mail.Messages[^1].To.ToString(), StringComparison.Ordinal);

        var id = (await h.Incidents.ListAsync())[0].Number;
        var ack = await h.Acks.AcknowledgeAsync(id, "alice", "cli", "looking");
        Assert.Equal(AckOutcome.Acknowledged, ack.Outcome);
        for (var i = 0; i < 12; i++)
        {
            time.Advance(TimeSpan.FromMinutes(5));
            await h.Ticker.TickAsync();
        }

        await h.Intake.HandleAsync([Transition(TransitionKind.Resolved, time.GetUtcNow(), severity: Severity.Major, category: AlertCategory.None)], default);
        await h.Worker.DeliverDueAsync(default);
        Assert.Equal(["FIRING", "REMINDER", "ESCALATED", "ACKNOWLEDGED", "RESOLVED"], mail.Messages.Select(Label));
    }

    [Fact]
    public async Task UrgentCaseAfterConfirmation_IsSubmittedWhenNobodyAcknowledges_AndDroppedWhenSomeoneDoes()
    {
        var time = new FakeTimeProvider(Start);
        var mail = new CapturingTransport();
        var options = Options_(NewDataDirectory(), o =>
        {
            o.Cases.Mode = "after-confirmation";
            o.Cases.ConfirmationDelay = "5m";
            o.Cases.SupportEmail = "support@partner.example";
        });
        await using var h = Create(options, time, mail);
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), signal: "checkout")], default);
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), signal: "submit-order")], default);
        var acked = (await h.Incidents.ListAsync()).Single(i => i.Target == "submit-order");
        await h.Acks.AcknowledgeAsync(acked.Number, "bob", "api", null);

        time.Advance(TimeSpan.FromMinutes(4));
        await h.Ticker.TickAsync();
        Assert.All(await h.Incidents.CasesAsync(), c => Assert.Equal("pending", c.Status));
        time.Advance(TimeSpan.FromMinutes(1));
        await h.Ticker.TickAsync();
        await h.Worker.DeliverDueAsync(default);

        var cases = await h.Incidents.CasesAsync();
        Assert.Equal("submitted", cases.Single(c => c.Incident != acked.Id).Status);
        Assert.Equal("cancelled", cases.Single(c => c.Incident == acked.Id).Status);
        var support = Assert.Single(mail.Messages, m => m.To.ToString().Contains("support@", StringComparison.Ordinal));
        Assert.StartsWith("[Urgent technical support]", support.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silence_HoldsMatchingIncidentsOnly_UntilItExpires()
    {
        var time = new FakeTimeProvider(Start);
        var mail = new CapturingTransport();
        await using var h = Create(Options_(NewDataDirectory()), time, mail);
        var silence = await h.Silences.AddSilenceAsync(null, "inventory", null, TimeSpan.FromHours(1), "feed migration", "test");
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "feed-errors", signal: "inventory", severity: Severity.Major, category: AlertCategory.None)], default);
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "checkout-slow", signal: "checkout", severity: Severity.Major, category: AlertCategory.None)], default);
        await h.Worker.DeliverDueAsync(default);
        var first = Assert.Single(mail.Messages);
        Assert.Contains("checkout-slow", first.Subject, StringComparison.Ordinal);

        Assert.True(await h.Silences.ExpireSilenceAsync(silence.Id));
        await h.Worker.DeliverDueAsync(default);
        Assert.Contains(mail.Messages, m => m.Subject!.Contains("feed-errors", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MinorIncidents_GoIntoOneDigestPerInterval()
    {
        var time = new FakeTimeProvider(Start);
        var mail = new CapturingTransport();
        await using var h = Create(Options_(NewDataDirectory(), o => o.Incidents.DigestInterval = "1h"), time, mail);
        foreach (var signal in new[] { "a", "b", "c" })
        {
            await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "minor", signal: signal, severity: Severity.Minor, category: AlertCategory.None)], default);
        }

        time.Advance(TimeSpan.FromMinutes(59));
        await h.Ticker.TickAsync();
        await h.Worker.DeliverDueAsync(default);
        Assert.Empty(mail.Messages);
        time.Advance(TimeSpan.FromMinutes(1));
        await h.Ticker.TickAsync();
        await h.Worker.DeliverDueAsync(default);
        var digest = Assert.Single(mail.Messages);
        Assert.StartsWith("[DIGEST]", digest.Subject, StringComparison.Ordinal);
        Assert.Contains("minor on c", digest.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupingByCategoryAndTarget_PutsTwoRulesInOneIncident()
    {
        var time = new FakeTimeProvider(Start);
        var mail = new CapturingTransport();
        await using var h = Create(Options_(NewDataDirectory(), o => o.Incidents.GroupBy = "category-target"), time, mail);
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "errors")], default);
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "latency")], default);
        await h.Intake.HandleAsync([Transition(TransitionKind.Resolved, time.GetUtcNow(), rule: "errors")], default);
        var incident = Assert.Single(await h.Incidents.ListAsync());
        Assert.Equal("open", incident.Status);
        await h.Intake.HandleAsync([Transition(TransitionKind.Resolved, time.GetUtcNow(), rule: "latency")], default);
        Assert.Equal("resolved", Assert.Single(await h.Incidents.ListAsync()).Status);
    }

    private static string Label(MimeKit.MimeMessage m) => m.Subject![1..m.Subject!.IndexOf(']', StringComparison.Ordinal)];
}
