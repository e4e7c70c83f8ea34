using Monitor.Probes.Feed;

namespace Monitor.Alerting;

/// <summary>
/// The figures of each feed target's latest complete run, added up over the targets as Google sees one
/// inventory. A run that could not be read changes nothing here: the last complete run still stands,
/// so an unreadable feed never passes for a clean one. Thread-safe; probes of several targets report at once.
/// </summary>
internal sealed class FeedRuns
{
    private readonly Dictionary<string, Run> _latest = new(StringComparer.Ordinal);
    private readonly HashSet<string> _types = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private sealed record Run(Dictionary<string, (long Entities, long Invalid)> Types, long Entities, long Stale);

    /// <summary>What the rules judge: per type, the invalid share of its entities; and the stale share of all.</summary>
    /// <param name="InvalidShare">Per entity type ever seen with entities (0 for a type no longer in any feed).</param>
    /// <param name="StaleShare">Stale entities over all entities; 0 for an empty inventory.</param>
    internal sealed record Totals(IReadOnlyDictionary<string, double> InvalidShare, double StaleShare);

    /// <summary>Takes a complete run's gauges (<see cref="FeedGauges"/>) as the target's latest and returns the new totals.</summary>
    public Totals Complete(string target, IReadOnlyDictionary<string, double> gauges)
    {
        var types = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var (key, value) in gauges)
        {
            if (key.StartsWith(FeedGauges.EntitiesPrefix, StringComparison.Ordinal))
            {
                var type = key[FeedGauges.EntitiesPrefix.Length..];
                var total = (long)value;
                types[type] = (total, Math.Min(total, (long)gauges.GetValueOrDefault(FeedGauges.InvalidPrefix + type)));
            }
        }

        var run = new Run(types, (long)gauges.GetValueOrDefault(FeedGauges.EntitiesTotal), (long)gauges.GetValueOrDefault(FeedGauges.StaleEntities));
        lock (_gate)
        {
            _latest[target] = run;
            // A type never seen with entities has nothing to judge and gets no share; one that had
            // entities keeps getting one (0 once it is gone), so its alert can resolve.
            _types.UnionWith(types.Where(t => t.Value.Item1 > 0).Select(t => t.Key));
            return Sum();
        }
    }

    private Totals Sum()
    {
        long all = 0, stale = 0;
        foreach (var run in _latest.Values)
        {
            all += run.Entities;
            stale += Math.Min(run.Stale, run.Entities);
        }

        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var type in _types)
        {
            long entities = 0, invalid = 0;
            foreach (var run in _latest.Values)
            {
                var (e, i) = run.Types.GetValueOrDefault(type);
                entities += e;
                invalid += i;
            }

            // Lines of no known type count against the whole inventory, as in Google's alert.
            var basis = type == "Unknown" ? all : entities;
            shares[type] = basis == 0 ? 0 : (double)invalid / basis;
        }

        return new Totals(shares, all == 0 ? 0 : (double)stale / all);
    }
}
