using System.Text;
using Monitor.Configuration;
using Monitor.Replay;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;

namespace Monitor.Tests.Replay;

public sealed class LifecycleIncidentsTests
{
    [Fact]
    public void Apply_WarningThenUrgentOnOneProblem_OneIncidentEscalatesAndItsOneCaseBecomesUrgent()
    {
        // Checkout warns (major, technical-support) at the first 500; submit order pages (critical) at its third.
        var warning = new AlertRule("checkout-warning", "checkout", new ErrorRatioCondition(TimeSpan.FromMinutes(1), 0.1),
            Severity.Major, AlertCategory.TechnicalSupport);
        var urgent = new AlertRule("submit-down", "submit_order", new ErrorRatioCondition(TimeSpan.FromMinutes(1), 0.5, MinErrors: 3),
            Severity.Critical, AlertCategory.OrdersBlocked);
        var replayer = new Replayer([warning, urgent], new ReplaySettings { Interval = TimeSpan.FromSeconds(10) },
            incidents: LifecycleIncidents.For(new MonitorOptions()));
        string[] lines =
        [
            ReplayerTests.Line("12:00:01", 200, "r1"),
            ReplayerTests.Line("12:00:05", 500, "r1"),                   // warning fires at 12:00:10
            Submit("12:00:12", "r1"), Submit("12:00:13", "r2"), Submit("12:00:14", "r3"), // urgent at 12:00:20
            ReplayerTests.Line("12:00:25", 200, "r2"),
        ];
        replayer.Replay("x", new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))));

        var result = replayer.Finish();

        var incident = Assert.Single(result.Incidents);
        Assert.Equal("fulfillment", incident.Problem);
        Assert.Equal("technical", incident.Notify);
        Assert.Equal(ReplayerTests.At("12:00:10"), incident.OpenedAt);
        Assert.True(incident.Urgent);
        Assert.Equal(ReplayerTests.At("12:00:20"), incident.UrgentAt);
        var @case = Assert.Single(result.Cases);
        Assert.Equal(("urgent", ReplayerTests.At("12:00:20")), (@case.Kind, @case.At));
        Assert.Contains(result.Timeline, e => e.Kind == "incident" && e.Text.StartsWith("INC-1 escalated", StringComparison.Ordinal));
    }

    private static string Submit(string time, string restaurant) =>
        ReplayerTests.Line(time, 500, restaurant).Replace("\"checkout\"", "\"submit_order\"", StringComparison.Ordinal);
}
