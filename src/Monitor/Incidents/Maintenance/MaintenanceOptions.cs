namespace Monitor.Incidents.Maintenance;

/// <summary>Maintenance windows (<c>monitor:maintenance</c>): notifications and cases are held while one is active.</summary>
internal sealed class MaintenanceOptions
{
    /// <summary>Recurring windows.</summary>
    public List<MaintenanceScheduleOptions> Schedules { get; set; } = [];

    /// <summary>
    /// A window longer than this sends a reminder to pause the integration in the partner portal when it
    /// starts; <c>0s</c> for never. Default <c>4h</c>.
    /// </summary>
    public string PauseReminderAfter { get; set; } = "4h";
}

/// <summary>One recurring window (<c>monitor:maintenance:schedules:N</c>).</summary>
internal sealed class MaintenanceScheduleOptions
{
    /// <summary>Unique name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Start times, a cron expression with 5 fields (or 6 with seconds), for example <c>0 2 * * SUN</c>.</summary>
    public string Cron { get; set; } = "";

    /// <summary>Length of each window, for example <c>2h</c>.</summary>
    public string Duration { get; set; } = "1h";

    /// <summary>IANA time zone the cron expression is read in. Default <c>UTC</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Shown in messages and on the API.</summary>
    public string Reason { get; set; } = "";
}
