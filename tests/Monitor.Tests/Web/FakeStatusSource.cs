using Monitor.Web;

namespace Monitor.Tests.Web;

/// <summary>Stands in for the incident store: one open urgent incident (with markup in its title), maintenance and one case.</summary>
internal sealed class FakeStatusSource(TimeProvider time) : IStatusSource
{
    public const string IncidentId = "inc-0001";
    public const string IncidentTitle = "Checkout errors <script>alert(1)</script> & rising";

    public Task<StatusExtras> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return Task.FromResult(new StatusExtras(
            new MaintenanceView("POS upgrade \"v2\"", now.AddMinutes(-5), now.AddMinutes(55)),
            [
                new IncidentView(IncidentId, IncidentTitle, "critical", "orders-blocked", now.AddMinutes(-3),
                    AcknowledgeUrl: "/ack/inc-0001?sig=abc&exp=1"),
                new IncidentView("inc-0002", "Feed entity errors", "major", "technical-support", now.AddHours(-2),
                    AcknowledgedBy: "dana@partner.example", AcknowledgedAt: now.AddHours(-1)),
            ],
            [new CaseView("case-17", IncidentId, Urgent: true, "sent", now.AddMinutes(-2))]));
    }
}
