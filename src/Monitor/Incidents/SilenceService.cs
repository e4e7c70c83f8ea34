using Monitor.Configuration;
using Monitor.Incidents.Lifecycle;
using Monitor.Rules.Alerts;
using Monitor.Storage;

namespace Monitor.Incidents;

/// <summary>Silences: add and expire. Expiring one releases what it held at the next step, run at once.</summary>
internal sealed class SilenceService(IMonitorStore store, IncidentTicker ticker, IncidentSettings settings, TimeProvider time)
{
    /// <summary>
    /// Matchers that match nothing configured, each with the names that exist: a misspelt silence would hold nothing
    /// and say nothing. A target may name a problem (<c>inventory</c>), a probe target or a signal.
    /// </summary>
    public IReadOnlyList<string> Unknown(SilenceRequest wanted, Func<SilenceField, string> name)
    {
        var problems = new List<string>();
        var rules = settings.RuleNames.Order(StringComparer.Ordinal).ToList();
        if (wanted.Rule is { } rule && !rules.Contains(rule, StringComparer.Ordinal))
        {
            problems.Add($"{name(SilenceField.Rule)} '{rule}' matches no configured rule (rules: {(rules.Count == 0 ? "none" : string.Join(", ", rules))})");
        }

        var problemNames = settings.Problems.Problems.Select(p => p.Name).ToList();
        var targets = settings.TargetNames.Concat(settings.RuleSignals).Concat(KnownSignals.Actions)
            .Where(n => n.Length > 0 && !problemNames.Contains(n)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (wanted.Target is { } target && !problemNames.Contains(target) && !targets.Contains(target, StringComparer.Ordinal)
            && !settings.RuleSignals.Any(s => s.Contains('*', StringComparison.Ordinal) && Monitor.Rules.Incidents.Glob.IsMatch(s, target)))
        {
            problems.Add($"{name(SilenceField.Target)} '{target}' matches no problem, target or signal (problems: {string.Join(", ", problemNames.DefaultIfEmpty("none"))}; targets and signals: {string.Join(", ", targets)})");
        }

        return problems;
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
            await ticker.TickAsync(cancellationToken);
        }

        return done;
    }

}
