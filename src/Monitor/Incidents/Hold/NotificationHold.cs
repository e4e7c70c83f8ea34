using Monitor.Incidents.Lifecycle;
using Monitor.Incidents.Maintenance;
using Monitor.Storage;

namespace Monitor.Incidents.Hold;

/// <summary>
/// Whether an incident's notifications are held now, and why: a maintenance window, or a silence that
/// matches its problem, one of its alerts' rule, signal or target, or its category. Measuring goes on;
/// only telling people and opening cases waits (Alertmanager's mute stage).
/// </summary>
internal sealed class NotificationHold(MaintenanceCalendar maintenance, IncidentSettings settings)
{
    public string? Reason(IStoreTransaction tx, IncidentRecord incident, IReadOnlyList<IncidentMember> members, DateTimeOffset now)
    {
        if (maintenance.Active(tx, now) is { Count: > 0 } windows)
        {
            var w = windows[0];
            return $"maintenance ({w.Source}{(w.Reason.Length > 0 ? ": " + w.Reason : "")}) until {w.EndsAt:yyyy-MM-dd HH:mm} UTC";
        }

        foreach (var silence in tx.Silences.Active(now))
        {
            if (silence.IsActive(now) && Matches(silence, incident, members))
            {
                return $"silence {silence.Id}{(silence.Reason.Length > 0 ? ": " + silence.Reason : "")} until {silence.EndsAt:yyyy-MM-dd HH:mm} UTC";
            }
        }

        return null;
    }

    private bool Matches(SilenceRecord silence, IncidentRecord incident, IReadOnlyList<IncidentMember> members)
    {
        if (silence.Target is { } target && incident.Problem == target && (silence.Category is null || silence.Category == incident.Category)
            && (silence.Rule is null || members.Any(m => m.Rule == silence.Rule)))
        {
            return true;
        }

        return silence.Matches(incident.Rule, incident.Signal, incident.Category)
            || members.Any(m => silence.Matches(m.Rule, m.Signal, incident.Category) || silence.Matches(m.Rule, settings.TargetOf(m.Signal), incident.Category));
    }
}
