using Monitor.Rules.Alerts;
using Monitor.Storage;

namespace Monitor.Incidents;

/// <summary>Silences: add and expire. Expiring one releases what it held at the next step, run at once.</summary>
internal sealed class SilenceService(IMonitorStore store, IncidentTicker ticker, TimeProvider time)
{
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
            await ticker.TickAsync(cancellationToken);
        }

        return done;
    }

}
