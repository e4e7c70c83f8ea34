using Monitor.Incidents.Calendar;
using Monitor.Incidents.Hold;
using Monitor.Rules.Incidents;
using Monitor.Storage;

namespace Monitor.Incidents.Lifecycle;

/// <summary>What the lifecycle needs to know of the moment: the time, whether notifications are held and the next business time.</summary>
internal sealed class IncidentContexts(NotificationHold hold, SupportCalendar calendar)
{
    public IncidentContext For(IStoreTransaction tx, IncidentRecord incident, IReadOnlyList<IncidentMember> members, DateTimeOffset now) =>
        new(now, hold.Reason(tx, incident, members, now), calendar.NextBusinessTime(now));
}
