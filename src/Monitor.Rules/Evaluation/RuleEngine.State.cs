using Monitor.Rules.Alerts;
using Monitor.Rules.State;

namespace Monitor.Rules.Evaluation;

public sealed partial class RuleEngine
{
    /// <summary>
    /// Exports alert states and window contents. Serialize the result with System.Text.Json and give it
    /// to <see cref="ImportState"/> after a restart: pending and firing alerts carry on (no second
    /// firing transition) and windows keep their history.
    /// </summary>
    public EngineSnapshot ExportState()
    {
        var alerts = new List<AlertSnapshot>();
        foreach (var list in _alerts)
        {
            alerts.AddRange(list.Where(a => a.State != AlertState.Inactive)
                .Select(a => new AlertSnapshot(a.Rule.Name, a.Series.Signal, a.State, a.ActiveSince, a.LastActive)));
        }

        return new EngineSnapshot(EngineSnapshot.CurrentVersion, alerts, [.. _series.Values.Select(s => s.ToSnapshot())]);
    }

    /// <summary>
    /// Restores what <see cref="ExportState"/> wrote. Alerts of rules that no longer exist are dropped;
    /// window contents are restored for series whose rules need the same buckets as before (others
    /// start empty; so do all windows of a snapshot of format <see cref="EngineSnapshot.AlertsOnlyVersion"/>).
    /// Call before the first <see cref="Record"/>.
    /// </summary>
    /// <returns>The number of alert states restored.</returns>
    public int ImportState(EngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Version is not (EngineSnapshot.CurrentVersion or EngineSnapshot.AlertsOnlyVersion))
        {
            return 0;
        }

        // Window contents of an older format are laid out differently: only the alert states carry over.
        foreach (var saved in snapshot.Version == EngineSnapshot.CurrentVersion ? snapshot.Series : [])
        {
            SeriesFor(saved.Signal)?.Restore(saved);
        }

        var restored = 0;
        foreach (var saved in snapshot.Alerts)
        {
            var index = Array.FindIndex(_rules, r => r.Name == saved.Rule);
            if (index < 0 || SeriesFor(saved.Series) is null)
            {
                continue;
            }

            var alert = _alerts[index].FirstOrDefault(a => a.Series.Signal == saved.Series);
            if (alert is null || saved.State == AlertState.Inactive)
            {
                continue;
            }

            (alert.State, alert.ActiveSince, alert.LastActive) = (saved.State, saved.ActiveSince, saved.LastActive);
            restored++;
        }

        return restored;
    }
}
