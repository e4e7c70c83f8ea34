using System.Globalization;
using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Incidents.Lifecycle;
using Monitor.Rules.Alerts;
using Monitor.Storage;

namespace Monitor.Incidents.Messages;

/// <summary>
/// What failed, for messages and cases: every alert of the incident with its figures, the failures by kind
/// (HTTP codes, error types, timeouts), up to three sample failures and each rule's annotations (summary,
/// description, runbook).
/// </summary>
internal sealed class IncidentDetails(IncidentSettings settings, FailureSamples samples)
{
    private const int SampleCount = 3;

    /// <summary>Failures this long before the incident started still count as its evidence.</summary>
    private static readonly TimeSpan SampleLead = TimeSpan.FromMinutes(10);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string ProblemTitle(string name) => settings.Problems.Named(name)?.Title ?? name;

    public IEnumerable<(string Heading, IReadOnlyList<string> Lines)> Sections(IncidentRecord incident, IReadOnlyList<IncidentMember> members)
    {
        if (members.Count > 0)
        {
            yield return (string.Create(Invariant, $"Alerts ({members.Count})"), [.. members.Select(Line)]);
        }

        var kinds = members.Where(m => m.Firing).SelectMany(m => IncidentFigures.Parse(m.FiguresJson)?.TopErrorTypes ?? [])
            .GroupBy(e => e.Type, StringComparer.Ordinal)
            .Select(g => (Type: g.Key, Count: g.Max(e => e.Count)))
            .OrderByDescending(e => e.Count)
            .Take(8)
            .ToList();
        if (kinds.Count > 0)
        {
            yield return ("Failures by kind", [.. kinds.Select(k => string.Create(Invariant, $"{k.Type}: {k.Count}"))]);
        }

        var sample = Samples(incident, members);
        if (sample.Count > 0)
        {
            yield return ("Sample failures", [.. sample.Select(f => string.Create(Invariant,
                $"{f.At:HH:mm:ss} {f.Signal}{Part("reason", f.Reason)}{Part("error", f.ErrorType)}{Part("restaurant", f.RestaurantId)}{(f.Detail is null ? "" : ": " + Excerpt(f.Detail))}"))]);
        }

        var notes = new List<string>();
        foreach (var rule in members.Select(m => m.Rule).Distinct(StringComparer.Ordinal))
        {
            var annotations = settings.Annotations(rule);
            foreach (var key in annotations.Keys.OrderBy(k => k switch { "summary" => 0, "description" => 1, "runbook_url" => 2, _ => 3 }).ThenBy(k => k, StringComparer.Ordinal))
            {
                notes.Add($"{rule}: {(key == "runbook_url" ? "runbook" : key)}: {annotations[key]}");
            }
        }

        if (notes.Count > 0)
        {
            yield return ("What to do", notes);
        }
    }

    /// <summary>The restaurants named by the alerts' figures and sample failures, for a case.</summary>
    public IReadOnlyList<string> AffectedRestaurants(IncidentRecord incident, IReadOnlyList<IncidentMember> members) =>
        [.. members.SelectMany(m => IncidentFigures.Parse(m.FiguresJson)?.AffectedRestaurants ?? [])
            .Concat(IncidentFigures.Parse(incident.FiguresJson)?.AffectedRestaurants ?? [])
            .Concat(Samples(incident, members, int.MaxValue).Select(s => s.RestaurantId).OfType<string>())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(50)];

    public static string Line(IncidentMember m)
    {
        var state = m.Inhibited ? "inhibited" : m.Firing ? "firing" : "recovered";
        return string.Create(Invariant, $"{m.Rule} on {m.Signal} [{m.Severity.ToName()}, {m.Category.ToName()}] {state} since {m.Since:yyyy-MM-dd HH:mm:ss} UTC: {m.Summary}");
    }

    public List<FailureSample> Samples(IncidentRecord i, IReadOnlyList<IncidentMember> members, int count = SampleCount)
    {
        var to = i.ResolvedAt ?? DateTimeOffset.MaxValue;
        return [.. members.Select(m => m.Signal).Append(i.Signal).Distinct(StringComparer.Ordinal)
            .SelectMany(signal => samples.For(signal, i.Since - SampleLead, to))
            .OrderBy(f => f.At)
            .TakeLast(count)];
    }

    private static string Part(string name, string? value) => value is null ? "" : $", {name} {value}";

    private static string Excerpt(string detail) => detail.Length <= 160 ? detail : detail[..157] + "...";
}
