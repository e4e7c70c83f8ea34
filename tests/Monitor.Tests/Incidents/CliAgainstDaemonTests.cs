using Microsoft.Extensions.Time.Testing;
using Monitor.Cli;
using Monitor.Rules.Alerts;
using static Monitor.Tests.Incidents.IncidentHarness;

namespace Monitor.Tests.Incidents;

/// <summary>The command line changes the same SQLite file a running daemon uses, and the daemon follows.</summary>
public sealed class CliAgainstDaemonTests
{
    [Fact]
    public async Task AckAndMaintenanceFromTheCommandLine_AreSeenByTheDaemon()
    {
        var data = NewDataDirectory();
        Directory.CreateDirectory(data);
        var config = Path.Combine(data, "monitor.yaml");
        await File.WriteAllTextAsync(config, $"""
            monitor:
              project: acme
              dataDirectory: "{data}"
              contacts:
                emergency: [oncall@acme.example]
                technical: [dev@acme.example]
              incidents:
                repeatInterval: 10m
              maintenance:
                pauseReminderAfter: 1h
            """);
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var mail = new CapturingTransport();
        await using var daemon = Create(Options_(data, o => o.Incidents.RepeatInterval = "10m"), time, mail);
        await daemon.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), severity: Severity.Major, category: AlertCategory.None)], default);

        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await MonitorCommandLine.InvokeAsync(["ack", "INC-1", "--by", "alice", "-c", config], output, error));
        Assert.Contains("INC-1 acknowledged", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await MonitorCommandLine.InvokeAsync(["ack", "INC-9", "-c", config], output, error));

        // The daemon sends no reminder for the acknowledged incident.
        time.Advance(TimeSpan.FromMinutes(11));
        await daemon.Ticker.TickAsync();
        await daemon.Worker.DeliverDueAsync(default);
        Assert.DoesNotContain(mail.Messages, m => m.Subject!.StartsWith("[REMINDER]", StringComparison.Ordinal));
        Assert.Contains(mail.Messages, m => m.Subject!.StartsWith("[ACKNOWLEDGED]", StringComparison.Ordinal));

        // Maintenance started from the command line holds the daemon's next incident.
        Assert.Equal(0, await MonitorCommandLine.InvokeAsync(["maintenance", "start", "--for", "2h", "--reason", "upgrade", "-c", config], output, error));
        Assert.Equal(0, await MonitorCommandLine.InvokeAsync(["maintenance", "status", "-c", config], output, error));
        var before = mail.Messages.Count;
        await daemon.Intake.HandleAsync([Transition(TransitionKind.Firing, TimeProvider.System.GetUtcNow(), signal: "other")], default);
        await daemon.Worker.DeliverDueAsync(default);
        var added = mail.Messages.Skip(before).ToList();
        var pause = Assert.Single(added);
        Assert.Contains("pause the integration", pause.Subject, StringComparison.Ordinal);

        Assert.Equal(0, await MonitorCommandLine.InvokeAsync(["maintenance", "stop", "-c", config], output, error));
        await daemon.Ticker.TickAsync();
        await daemon.Worker.DeliverDueAsync(default);
        Assert.Contains(mail.Messages, m => m.Subject!.StartsWith("[URGENT FIRING]", StringComparison.Ordinal) && m.Subject.Contains("on other", StringComparison.Ordinal));
    }
}
