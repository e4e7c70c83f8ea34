using Monitor.Incidents.Calendar;

namespace Monitor.Tests.Incidents;

public sealed class SupportCalendarTests
{
    private static readonly SupportCalendar Paris = new(new CalendarOptions
    {
        TimeZone = "Europe/Paris",
        Start = "09:00",
        End = "18:00",
        Holidays = ["2026-12-25"],
    });

    [Theory]
    [InlineData("2026-12-23T10:00:00+01:00", "2026-12-23T10:00:00+01:00")] // in hours: now
    [InlineData("2026-12-23T07:00:00+01:00", "2026-12-23T09:00:00+01:00")] // before opening
    [InlineData("2026-12-24T18:00:00+01:00", "2026-12-28T09:00:00+01:00")] // Thursday closing, Friday holiday, weekend
    [InlineData("2026-03-27T20:00:00+01:00", "2026-03-30T09:00:00+02:00")] // across the change to summer time
    public void NextBusinessTime(string at, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Paris.NextBusinessTime(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
}
