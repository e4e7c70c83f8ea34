using System.Text.Json;
using Monitor.Configuration;

namespace Monitor.Hosting.Reload;

/// <summary>
/// What a reloaded configuration changes against the running one: targets and rules added, removed or changed
/// (compared by name, every setting included), and the other top-level sections that differ, which a running
/// daemon keeps as they are until it restarts (the listen address, the store, the mail transport...).
/// </summary>
internal sealed record ReloadPlan(
    IReadOnlyList<string> AddedTargets,
    IReadOnlyList<string> RemovedTargets,
    IReadOnlyList<string> ChangedTargets,
    IReadOnlyList<string> AddedRules,
    IReadOnlyList<string> RemovedRules,
    IReadOnlyList<string> ChangedRules,
    IReadOnlyList<string> KeptSections)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The sections a reload puts in force; every other one is kept as it was at start.</summary>
    private static readonly HashSet<string> Reloadable = new(StringComparer.Ordinal)
    {
        nameof(MonitorOptions.Targets), nameof(MonitorOptions.Rules), nameof(MonitorOptions.ReloadOnChange),
    };

    public bool ChangesTargets => AddedTargets.Count + RemovedTargets.Count + ChangedTargets.Count > 0;

    public bool ChangesRules => AddedRules.Count + RemovedRules.Count + ChangedRules.Count > 0;

    public static ReloadPlan Compare(MonitorOptions running, MonitorOptions next)
    {
        var (addedTargets, removedTargets, changedTargets) = Diff(
            running.Targets.Http.Select(t => (t.Name, Serialize(t))).Concat(running.Targets.Feeds.Select(f => (f.Name, "feed" + Serialize(f)))),
            next.Targets.Http.Select(t => (t.Name, Serialize(t))).Concat(next.Targets.Feeds.Select(f => (f.Name, "feed" + Serialize(f)))));
        var (addedRules, removedRules, changedRules) = Diff(
            running.Rules.Select(r => (r.Name, Serialize(r))), next.Rules.Select(r => (r.Name, Serialize(r))));
        var kept = typeof(MonitorOptions).GetProperties()
            .Where(p => !Reloadable.Contains(p.Name))
            .Where(p => Serialize(p.GetValue(running)) != Serialize(p.GetValue(next)))
            .Select(p => MonitorOptions.SectionName + ":" + char.ToLowerInvariant(p.Name[0]) + p.Name[1..])
            .ToList();
        return new ReloadPlan(addedTargets, removedTargets, changedTargets, addedRules, removedRules, changedRules, kept);
    }

    /// <summary>One line for the log and the API: what changed, or that nothing did.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        Add("targets added", AddedTargets);
        Add("targets removed", RemovedTargets);
        Add("targets changed", ChangedTargets);
        Add("rules added", AddedRules);
        Add("rules removed", RemovedRules);
        Add("rules changed", ChangedRules);
        return parts.Count == 0 ? "no target or rule changed" : string.Join("; ", parts);

        void Add(string what, IReadOnlyList<string> names)
        {
            if (names.Count > 0)
            {
                parts.Add($"{what}: {string.Join(", ", names)}");
            }
        }
    }

    private static (List<string> Added, List<string> Removed, List<string> Changed) Diff(
        IEnumerable<(string Name, string Settings)> running, IEnumerable<(string Name, string Settings)> next)
    {
        var before = running.ToDictionary(e => e.Name, e => e.Settings, StringComparer.Ordinal);
        var after = next.ToDictionary(e => e.Name, e => e.Settings, StringComparer.Ordinal);
        return (
            [.. after.Keys.Where(n => !before.ContainsKey(n))],
            [.. before.Keys.Where(n => !after.ContainsKey(n))],
            [.. after.Where(e => before.TryGetValue(e.Key, out var old) && old != e.Value).Select(e => e.Key)]);
    }

    private static string Serialize(object? value) => JsonSerializer.Serialize(value, Json);
}
