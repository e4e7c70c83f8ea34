using Monitor.Incidents.Lifecycle;
using Monitor.Notifications.Outbox;
using Monitor.Rules.Incidents;
using Monitor.Storage;

namespace Monitor.Incidents.Acknowledgement;

/// <summary>The outcome of an acknowledgement.</summary>
internal enum AckOutcome
{
    Acknowledged,
    AlreadyAcknowledged,
    NotFound,
    LinkMalformed,
    LinkForged,
    LinkExpired,
    LinkUsed,
}

internal sealed record AckResult(AckOutcome Outcome, IncidentRecord? Incident)
{
    public bool Ok => Outcome is AckOutcome.Acknowledged or AckOutcome.AlreadyAcknowledged;
}

/// <summary>Acknowledgement through the command line, the API or a signed link: reminders and escalation stop for the current episode.</summary>
internal sealed partial class Acknowledger(IMonitorStore store, AckLinks ackLinks, IncidentSteps steps, OutboxSignal signal, TimeProvider time, ILogger<Acknowledger> logger)
{
    /// <summary>Acknowledges an incident: reminders and escalation stop; a resolved notice still goes out.</summary>
    public async Task<AckResult> AcknowledgeAsync(long incidentId, string by, string via, string? comment, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var result = await store.WriteAsync(tx => Acknowledge(tx, incidentId, by, via, comment, null, now), cancellationToken);
        signal.Notify();
        return result;
    }

    /// <summary>Checks a signed link without using it (for the confirmation page).</summary>
    public Task<(AckLinkCheck Check, AckLinkClaims? Claims, bool Used, IncidentRecord? Incident)> InspectLinkAsync(string? token, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return store.WriteAsync(tx =>
        {
            var check = AckLinks.Verify(ackLinks.Key(tx), token, now, out var claims);
            var used = claims is not null && tx.Acknowledgements.NonceUsed(claims.Nonce);
            var incident = claims is not null && check == AckLinkCheck.Valid ? tx.Incidents.Get(claims.IncidentId) : null;
            return (check, claims, used, incident);
        }, cancellationToken);
    }

    /// <summary>Acknowledges through a signed link: refused when forged, expired, malformed or already used.</summary>
    public async Task<AckResult> AcknowledgeLinkAsync(string? token, string by, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var result = await store.WriteAsync(tx =>
        {
            var check = AckLinks.Verify(ackLinks.Key(tx), token, now, out var claims);
            return check switch
            {
                AckLinkCheck.Forged => new AckResult(AckOutcome.LinkForged, null),
                AckLinkCheck.Expired => new AckResult(AckOutcome.LinkExpired, null),
                AckLinkCheck.Malformed => new AckResult(AckOutcome.LinkMalformed, null),
                _ => Acknowledge(tx, claims!.IncidentId, by, "link", null, claims.Nonce, now),
            };
        }, cancellationToken);
        signal.Notify();
        return result;
    }

    private AckResult Acknowledge(IStoreTransaction tx, long incidentId, string by, string via, string? comment, string? nonce, DateTimeOffset now)
    {
        var incident = tx.Incidents.Get(incidentId);
        if (incident is null)
        {
            return new AckResult(AckOutcome.NotFound, null);
        }

        if (!tx.Acknowledgements.Add(new Storage.Acknowledgement(incidentId, now, by, via, comment, nonce)))
        {
            return new AckResult(AckOutcome.LinkUsed, incident);
        }

        if (incident.Acknowledged)
        {
            return new AckResult(AckOutcome.AlreadyAcknowledged, incident);
        }

        steps.Run(tx, incident, now, (state, policy, context) => IncidentLifecycle.Acknowledge(state, by, via, comment, policy, context));
        LogAcknowledged(incident.DisplayId, by, via);
        return new AckResult(AckOutcome.Acknowledged, incident);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {Incident} acknowledged by {By} via {Via}")]
    private partial void LogAcknowledged(string incident, string by, string via);
}
