using Monitor.Incidents.Acknowledgement;
using Monitor.Incidents.Maintenance;
using Monitor.Rules.Alerts;
using Monitor.Storage;

namespace Monitor.Incidents;

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

internal sealed partial class IncidentManager
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

        incident.AcknowledgedAt = now;
        incident.AcknowledgedBy = by;
        incident.NextReminderAt = null;
        incident.EscalateAt = null;
        incident.UpdatedAt = now;
        Event(tx, incident, now, "acknowledged", $"Acknowledged by {by} via {via}{(string.IsNullOrWhiteSpace(comment) ? "" : ": " + comment)}");
        if (incident.Status == IncidentStatus.Open && incident.Notified && incident.HeldNotice is null
            && router.Route(incident.Severity, incident.Category).NotifiesAtOnce && Suppressed(tx, incident, now) is null)
        {
            Notice(tx, incident, "acknowledged", now);
        }

        tx.Incidents.Update(incident);
        LogAcknowledged(incident.DisplayId, by, via);
        return new AckResult(AckOutcome.Acknowledged, incident);
    }

    /// <summary>Starts an ad hoc maintenance window now. Sends the pause reminder at once when it is long.</summary>
    public async Task<MaintenanceRecord> StartMaintenanceAsync(TimeSpan length, string reason, string by, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var record = await store.WriteAsync(tx =>
        {
            var row = new MaintenanceRecord { Kind = "adhoc", StartsAt = now, EndsAt = now + length, Reason = reason, CreatedBy = by };
            tx.Maintenance.Insert(row);
            PauseReminder(tx, new MaintenanceWindow("adhoc", row.StartsAt, row.EndsAt, reason, row.Id), now);
            return row;
        }, cancellationToken);
        signal.Notify();
        LogMaintenance("started", record.Reason, record.EndsAt);
        return record;
    }

    /// <summary>Ends every window in force now (ad hoc ones, and the current occurrence of scheduled ones). Returns how many ended.</summary>
    public async Task<int> StopMaintenanceAsync(string by, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var count = await store.WriteAsync(tx =>
        {
            var ended = 0;
            foreach (var window in maintenance.Active(tx, now))
            {
                if (window.Id is { } id)
                {
                    var row = tx.Maintenance.EndingAfter(now).First(r => r.Id == id);
                    row.StoppedAt = now;
                    tx.Maintenance.Update(row);
                }
                else
                {
                    tx.Maintenance.Insert(new MaintenanceRecord
                    {
                        Kind = "skip", Name = window.Source, StartsAt = window.StartsAt, EndsAt = window.EndsAt, Reason = "stopped early", CreatedBy = by, StoppedAt = now,
                    });
                }

                ended++;
            }

            return ended;
        }, cancellationToken);
        LogMaintenance("stopped", by, now);
        await TickAsync(cancellationToken);
        return count;
    }

    public Task<IReadOnlyList<MaintenanceWindow>> ActiveMaintenanceAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return store.ReadAsync(tx => maintenance.Active(tx, now), cancellationToken);
    }

    /// <summary>Adds a silence; null matchers match anything, but at least one must be set.</summary>
    public async Task<SilenceRecord> AddSilenceAsync(string? rule, string? target, AlertCategory? category, TimeSpan length, string reason, string by, CancellationToken cancellationToken = default)
    {
        if (rule is null && target is null && category is null)
        {
            throw new ArgumentException("A silence needs at least one matcher (rule, target or category); use maintenance to hold everything.");
        }

        var now = time.GetUtcNow();
        return await store.WriteAsync(tx =>
        {
            var silence = new SilenceRecord { Rule = rule, Target = target, Category = category, StartsAt = now, EndsAt = now + length, Reason = reason, CreatedBy = by };
            tx.Silences.Insert(silence);
            return silence;
        }, cancellationToken);
    }

    /// <summary>Ends a silence now. False when there is no such silence in force.</summary>
    public async Task<bool> ExpireSilenceAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var done = await store.WriteAsync(tx =>
        {
            var silence = tx.Silences.Get(id);
            if (silence is null || !silence.IsActive(now))
            {
                return false;
            }

            silence.ExpiredAt = now;
            tx.Silences.Update(silence);
            return true;
        }, cancellationToken);
        if (done)
        {
            await TickAsync(cancellationToken);
        }

        return done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {Incident} acknowledged by {By} via {Via}")]
    private partial void LogAcknowledged(string incident, string by, string via);

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance {What} ({Detail}, {At:u})")]
    private partial void LogMaintenance(string what, string detail, DateTimeOffset at);
}
