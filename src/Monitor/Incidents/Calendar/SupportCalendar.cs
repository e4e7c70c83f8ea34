using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Monitor.Incidents.Calendar;

/// <summary>Business hours of the support team: a time zone, working days and hours, and holidays.</summary>
internal sealed class SupportCalendar
{
    private readonly TimeZoneInfo _zone;
    private readonly HashSet<DayOfWeek> _days;
    private readonly TimeOnly _start;
    private readonly TimeOnly _end;
    private readonly HashSet<DateOnly> _holidays;

    public SupportCalendar(CalendarOptions options)
    {
        TryFindZone(options.TimeZone, out var zone);
        _zone = zone ?? TimeZoneInfo.Utc;
        _days = options.WorkingDays.Count == 0
            ? [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]
            : [.. options.WorkingDays.Select(d => TryParseDay(d, out var day) ? day : DayOfWeek.Monday)];
        _start = TimeOnly.ParseExact(options.Start, "HH:mm", CultureInfo.InvariantCulture);
        _end = TimeOnly.ParseExact(options.End, "HH:mm", CultureInfo.InvariantCulture);
        _holidays = [.. options.Holidays.Select(h => DateOnly.ParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture))];
    }

    public TimeZoneInfo Zone => _zone;

    /// <summary>True when <paramref name="at"/> falls in working hours of a working day that is not a holiday.</summary>
    public bool IsBusinessTime(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, _zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return IsWorkingDay(day) && time >= _start && time < _end;
    }

    /// <summary><paramref name="at"/> itself in business hours, otherwise the start of the next business period.</summary>
    public DateTimeOffset NextBusinessTime(DateTimeOffset at)
    {
        if (IsBusinessTime(at))
        {
            return at;
        }

        var local = TimeZoneInfo.ConvertTime(at, _zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (!(IsWorkingDay(day) && TimeOnly.FromDateTime(local.DateTime) < _start))
        {
            day = day.AddDays(1);
        }

        for (var i = 0; i < 400 && !IsWorkingDay(day); i++)
        {
            day = day.AddDays(1);
        }

        var start = day.ToDateTime(_start);
        // A start that falls in a daylight-saving gap moves to the first valid minute after it.
        while (_zone.IsInvalidTime(start))
        {
            start = start.AddMinutes(1);
        }

        return new DateTimeOffset(start, _zone.GetUtcOffset(start)).ToUniversalTime();
    }

    private bool IsWorkingDay(DateOnly day) => _days.Contains(day.DayOfWeek) && !_holidays.Contains(day);

    public static bool TryParseDay(string? text, out DayOfWeek day)
    {
        day = DayOfWeek.Monday;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim().ToLowerInvariant();
        foreach (var candidate in Enum.GetValues<DayOfWeek>())
        {
            var name = candidate.ToString().ToLowerInvariant();
            if (t == name || t == name[..3])
            {
                day = candidate;
                return true;
            }
        }

        return false;
    }

    public static bool TryFindZone(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
