namespace Monitor.Incidents;

/// <summary>How alerts become incidents and who is told (<c>monitor:incidents</c>).</summary>
internal sealed class IncidentsOptions
{
    /// <summary>
    /// How alerts are grouped into one incident: <c>fingerprint</c> (default: one rule on one target) or
    /// <c>category-target</c> (every rule of the same category on the same target).
    /// </summary>
    public string GroupBy { get; set; } = "fingerprint";

    /// <summary>An alert firing again within this time after its incident resolved reopens the same incident (a flap). Default <c>30m</c>.</summary>
    public string ReopenWindow { get; set; } = "30m";

    /// <summary>Reminder interval while an incident is open and unacknowledged; <c>0s</c> for none. Default <c>1h</c>.</summary>
    public string RepeatInterval { get; set; } = "1h";

    /// <summary>Interval of the digest e-mail of minor incidents. Default <c>1h</c>.</summary>
    public string DigestInterval { get; set; } = "1h";

    /// <summary>How often reminders, escalations, due cases, digests and maintenance ends are checked. Default <c>5s</c>.</summary>
    public string TickInterval { get; set; } = "5s";

    /// <summary>Level-2 escalation.</summary>
    public EscalationOptions Escalation { get; set; } = new();

    /// <summary>
    /// Routing rules, first match wins. Empty (default): urgent to the emergency contacts with an urgent case;
    /// other critical and major to the technical contacts; minor into the digest; info recorded only.
    /// </summary>
    public List<RouteOptions> Routes { get; set; } = [];
}

/// <summary>Escalation to a second level (<c>monitor:incidents:escalation</c>).</summary>
internal sealed class EscalationOptions
{
    /// <summary>Escalate when an incident is still unacknowledged this long after it was announced; <c>0s</c> for never. Default <c>30m</c>.</summary>
    public string After { get; set; } = "30m";

    /// <summary>Level-2 contacts. Default none (no escalation).</summary>
    public List<string> Contacts { get; set; } = [];
}

/// <summary>One routing rule (<c>monitor:incidents:routes:N</c>). An empty matcher matches anything.</summary>
internal sealed class RouteOptions
{
    /// <summary>Severities matched (<c>critical</c>, <c>major</c>, <c>minor</c>, <c>info</c>). Default: any.</summary>
    public List<string> Severities { get; set; } = [];

    /// <summary>Categories matched. Default: any.</summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>When set, matches only urgent (true) or only non-urgent (false) incidents. Default: either.</summary>
    public bool? Urgent { get; set; }

    /// <summary>Who is told at once: <c>emergency</c>, <c>technical</c>, <c>digest</c> (minor digest) or <c>none</c>. Default <c>[technical]</c>.</summary>
    public List<string> Notify { get; set; } = [];

    /// <summary>The case opened: <c>urgent</c>, <c>standard</c> (queued for business hours) or <c>none</c> (default).</summary>
    public string Case { get; set; } = "none";
}
