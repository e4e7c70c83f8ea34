namespace Monitor.Incidents.Calendar;

/// <summary>The support calendar standard cases wait for (<c>monitor:calendar</c>).</summary>
internal sealed class CalendarOptions
{
    /// <summary>IANA time zone of the support team. Default <c>UTC</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Working days. Default Monday to Friday.</summary>
    public List<string> WorkingDays { get; set; } = [];

    /// <summary>Start of the working day, local time <c>HH:mm</c>. Default <c>09:00</c>.</summary>
    public string Start { get; set; } = "09:00";

    /// <summary>End of the working day, local time <c>HH:mm</c>. Default <c>17:00</c>.</summary>
    public string End { get; set; } = "17:00";

    /// <summary>Days off, <c>yyyy-MM-dd</c>. Default none.</summary>
    public List<string> Holidays { get; set; } = [];
}
