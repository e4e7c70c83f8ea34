using System.Diagnostics.CodeAnalysis;
using Cronos;
using Monitor.Configuration;
using Monitor.Incidents.Calendar;
using Monitor.Storage;

namespace Monitor.Incidents.Maintenance;

/// <summary>A maintenance window in force.</summary>
/// <param name="Source"><c>adhoc</c>, or the schedule name.</param>
/// <param name="StartsAt">Start.</param>
/// <param name="EndsAt">End.</param>
/// <param name="Reason">Why.</param>
/// <param name="Id">The row id of an ad hoc window.</param>
internal sealed record MaintenanceWindow(string Source, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Reason, long? Id)
{
    public TimeSpan Length => EndsAt - StartsAt;
}

/// <summary>Scheduled windows (cron plus duration in a time zone) and ad hoc windows (rows in the store).</summary>
internal sealed class MaintenanceCalendar
{
    private readonly List<(MaintenanceScheduleOptions Options, CronExpression Cron, TimeSpan Duration, TimeZoneInfo Zone)> _schedules = [];

    public MaintenanceCalendar(MaintenanceOptions options)
    {
        foreach (var schedule in options.Schedules)
        {
            if (TryParseCron(schedule.Cron, out var cron) && SupportCalendar.TryFindZone(schedule.TimeZone, out var zone))
            {
                _schedules.Add((schedule, cron, Duration.Parse(schedule.Duration), zone));
            }
        }
    }

    /// <summary>Every window in force at <paramref name="now"/>, ad hoc first.</summary>
    public IReadOnlyList<MaintenanceWindow> Active(IStoreTransaction tx, DateTimeOffset now)
    {
        var rows = tx.Maintenance.EndingAfter(now);
        var list = rows.Where(r => r.IsActive(now)).Select(r => new MaintenanceWindow("adhoc", r.StartsAt, r.EndsAt, r.Reason, r.Id)).ToList();
        foreach (var window in ScheduledActive(now))
        {
            var skipped = rows.Any(r => r.Kind == MaintenanceKind.Skip && r.Name == window.Source && r.StartsAt == window.StartsAt);
            if (!skipped)
            {
                list.Add(window);
            }
        }

        return list;
    }

    /// <summary>Scheduled occurrences in force at <paramref name="now"/>, skips not applied.</summary>
    public IEnumerable<MaintenanceWindow> ScheduledActive(DateTimeOffset now)
    {
        foreach (var (options, cron, duration, zone) in _schedules)
        {
            // The latest start in (now - duration, now] is the occurrence in force, if any.
            var start = cron.GetOccurrences(now - duration, now, zone, fromInclusive: false, toInclusive: true).LastOrDefault();
            if (start != default)
            {
                yield return new MaintenanceWindow(options.Name, start, start + duration, options.Reason, null);
            }
        }
    }

    /// <summary>The next scheduled start after <paramref name="now"/>, for display.</summary>
    public MaintenanceWindow? NextScheduled(DateTimeOffset now)
    {
        MaintenanceWindow? next = null;
        foreach (var (options, cron, duration, zone) in _schedules)
        {
            if (cron.GetNextOccurrence(now, zone) is { } start && (next is null || start < next.StartsAt))
            {
                next = new MaintenanceWindow(options.Name, start, start + duration, options.Reason, null);
            }
        }

        return next;
    }

    public static bool TryParseCron(string? text, [NotNullWhen(true)] out CronExpression? cron)
    {
        cron = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CronExpression.TryParse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard, out cron);
    }
}
