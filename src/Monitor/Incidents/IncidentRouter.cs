using Monitor.Configuration;
using Monitor.Notifications.Channels;
using Route = Monitor.Rules.Incidents.Route;

namespace Monitor.Incidents;

/// <summary>The addresses behind a route: the lifecycle decides who is told, this names them.</summary>
internal sealed class IncidentRouter(ContactOptions contacts, IncidentsOptions incidents, ChannelsOptions channels)
{
    /// <summary>The addresses told at once for a route (the other list when the chosen one is empty).</summary>
    public IReadOnlyList<string> Recipients(Route route, int escalationLevel)
    {
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
            list.AddRange(incidents.Escalation.Contacts);
        }

        return [.. list.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// The chat and paging channels told at once for a route: those a configured route names; for a default
    /// route, PagerDuty when the emergency contacts are told (urgent incidents), Slack and Teams whenever
    /// somebody is told at once. Only configured channels.
    /// </summary>
    public IReadOnlyList<string> Channels(Route route)
    {
        var configured = channels.Configured();
        var named = route.Channels ?? [.. configured.Where(c => c == Notifications.Outbox.Channels.PagerDuty ? route.Emergency : route.Emergency || route.Technical)];
        return [.. named.Where(configured.Contains).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Who receives digests and maintenance reminders: the technical contacts, else the emergency ones.</summary>
    public IReadOnlyList<string> Everyone(bool technicalFirst = true)
    {
        IEnumerable<string> list = technicalFirst && contacts.Technical.Count > 0 ? contacts.Technical : contacts.Emergency.Concat(contacts.Technical);
        return [.. list.Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
