using System.Text.Json;
using Monitor.Configuration;
using Monitor.Incidents;

namespace Monitor.Hosting.Reload;

/// <summary>
/// What a reloaded configuration changes against the running one: targets and rules added, removed or changed
/// (compared by name, every setting included), the contacts and incident settings that change (routes, problems,
/// inhibition, timers), and the other sections that differ, which a running daemon keeps as they are until it
/// restarts (the listen address, the store, the mail transport, the grouping...).
/// </summary>
internal sealed record ReloadPlan(
    IReadOnlyList<string> AddedTargets,
    IReadOnlyList<string> RemovedTargets,
    IReadOnlyList<string> ChangedTargets,
    IReadOnlyList<string> AddedRules,
    IReadOnlyList<string> RemovedRules,
    IReadOnlyList<string> ChangedRules,
    IReadOnlyList<string> ChangedSettings,
    IReadOnlyList<string> KeptSections)
{
    /// <summary>The sections a reload puts in force; every other one is kept as it was at start.</summary>
    private static readonly HashSet<string> Reloadable = new(StringComparer.Ordinal)
    {
        nameof(MonitorOptions.Targets), nameof(MonitorOptions.Rules), nameof(MonitorOptions.ReloadOnChange),
        nameof(MonitorOptions.Contacts), nameof(MonitorOptions.Incidents),
    };

    /// <summary>
    /// The parts of <c>monitor:incidents</c> a reload puts in force. The grouping would re-key open incidents, and the
    /// tick and digest intervals drive timers started with the daemon, so those three wait for a restart.
    /// </summary>
    public static readonly IReadOnlyList<string> ReloadableIncidentSettings =
    [
        nameof(IncidentsOptions.Routes), nameof(IncidentsOptions.Problems), nameof(IncidentsOptions.Inhibit),
        nameof(IncidentsOptions.RepeatInterval), nameof(IncidentsOptions.ReopenWindow), nameof(IncidentsOptions.Escalation),
    ];

    public bool ChangesTargets => AddedTargets.Count + RemovedTargets.Count + ChangedTargets.Count > 0;

    public bool ChangesRules => AddedRules.Count + RemovedRules.Count + ChangedRules.Count > 0;

    /// <summary>
    /// Puts what a reload changes into the running configuration, in place: the services hold its section objects,
    /// so they see the new targets, rules, contacts and incident settings at once. Nothing else changes.
    /// </summary>
    public static void PutInForce(MonitorOptions running, MonitorOptions next)
    {
        running.Targets.Http = next.Targets.Http;
        running.Targets.Feeds = next.Targets.Feeds;
        running.Rules = next.Rules;
        running.ReloadOnChange = next.ReloadOnChange;
        running.Contacts.Emergency = next.Contacts.Emergency;
        running.Contacts.Technical = next.Contacts.Technical;
        foreach (var name in ReloadableIncidentSettings)
        {
            var property = typeof(IncidentsOptions).GetProperty(name)!;
            property.SetValue(running.Incidents, property.GetValue(next.Incidents));
        }
    }

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
            .Select(p => Path(MonitorOptions.SectionName, p.Name))
            .ToList();
        var incidents = typeof(IncidentsOptions).GetProperties()
            .Where(p => Serialize(p.GetValue(running.Incidents)) != Serialize(p.GetValue(next.Incidents)))
            .ToList();
        kept.AddRange(incidents.Where(p => !ReloadableIncidentSettings.Contains(p.Name)).Select(p => Path(MonitorOptions.SectionName + ":incidents", p.Name)));
        var changed = incidents.Where(p => ReloadableIncidentSettings.Contains(p.Name)).Select(p => Path(MonitorOptions.SectionName + ":incidents", p.Name)).ToList();
        if (Serialize(running.Contacts) != Serialize(next.Contacts))
        {
            changed.Insert(0, Path(MonitorOptions.SectionName, nameof(MonitorOptions.Contacts)));
        }

        return new ReloadPlan(addedTargets, removedTargets, changedTargets, addedRules, removedRules, changedRules, changed, kept);
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
        Add("settings changed", ChangedSettings);
        return parts.Count == 0 ? "no target, rule or setting changed" : string.Join("; ", parts);

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

    private static string Path(string section, string property) => section + ":" + char.ToLowerInvariant(property[0]) + property[1..];

    private static string Serialize(object? value) => value is null ? "null" : JsonSerializer.Serialize(value, value.GetType(), OptionsJson.Default);
}
