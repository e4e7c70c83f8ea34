using Monitor.Configuration;
using Monitor.Rules.Alerts;

namespace Monitor.Incidents;

/// <summary>What happens to an incident: who is told and which case is opened.</summary>
/// <param name="Emergency">Tell the emergency contacts at once.</param>
/// <param name="Technical">Tell the technical contacts at once.</param>
/// <param name="Digest">Put it in the periodic digest instead.</param>
/// <param name="Case"><c>urgent</c>, <c>standard</c> or <c>none</c>.</param>
internal sealed record Route(bool Emergency, bool Technical, bool Digest, string Case)
{
    public bool NotifiesAtOnce => Emergency || Technical;
}

/// <summary>Routes incidents by severity and category: the configured routes (first match), or the defaults.</summary>
internal sealed class IncidentRouter(MonitorOptions options)
{
    public Route Route(Severity severity, AlertCategory category)
    {
        var urgent = AlertClassification.IsUrgent(severity, category);
        foreach (var r in options.Incidents.Routes)
        {
            if ((r.Severities.Count == 0 || r.Severities.Any(s => AlertClassification.TryParseSeverity(s, out var v) && v == severity))
                && (r.Categories.Count == 0 || r.Categories.Any(c => AlertClassification.TryParseCategory(c, out var v) && v == category))
                && (r.Urgent is null || r.Urgent == urgent))
            {
                var notify = r.Notify.Count == 0 ? ["technical"] : r.Notify.Select(n => n.ToLowerInvariant()).ToList();
                return new Route(notify.Contains("emergency"), notify.Contains("technical"), notify.Contains("digest"), r.Case.ToLowerInvariant());
            }
        }

        return Default(severity, category, urgent);
    }

    private Route Default(Severity severity, AlertCategory category, bool urgent)
    {
        if (urgent)
        {
            return new Route(Emergency: true, Technical: true, Digest: false, Case: "urgent");
        }

        var standardCase = category == AlertCategory.TechnicalSupport && severity >= Severity.Major ? "standard" : "none";
        return severity switch
        {
            Severity.Critical or Severity.Major => new Route(false, true, false, standardCase),
            Severity.Minor => new Route(false, false, true, "none"),
            _ => new Route(false, false, false, "none"),
        };
    }

    /// <summary>The addresses told at once for a route (the other list when the chosen one is empty).</summary>
    public IReadOnlyList<string> Recipients(Route route, int escalationLevel)
    {
        var contacts = options.Contacts;
        var list = new List<string>();
        if (route.Emergency)
        {
            list.AddRange(contacts.Emergency.Count > 0 ? contacts.Emergency : contacts.Technical);
        }

        if (route.Technical)
        {
            list.AddRange(contacts.Technical.Count > 0 ? contacts.Technical : contacts.Emergency);
        }

        if (escalationLevel >= 2)
        {
            list.AddRange(options.Incidents.Escalation.Contacts);
        }

        return [.. list.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Who receives digests and maintenance reminders: the technical contacts, else the emergency ones.</summary>
    public IReadOnlyList<string> Everyone(bool technicalFirst = true)
    {
        var contacts = options.Contacts;
        IEnumerable<string> list = technicalFirst && contacts.Technical.Count > 0 ? contacts.Technical : contacts.Emergency.Concat(contacts.Technical);
        return [.. list.Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
