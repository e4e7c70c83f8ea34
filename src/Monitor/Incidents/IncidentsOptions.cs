namespace Monitor.Incidents;

/// <summary>How alerts become incidents and who is told (<c>monitor:incidents</c>).</summary>
internal sealed class IncidentsOptions
{
    /// <summary>
    /// How alerts are grouped into one incident: <c>problem</c> (default: the alerts of one problem share an incident;
    /// an alert of no problem stays on its own), <c>fingerprint</c> (one rule on one signal, no problems) or
    /// <c>category-target</c> (every rule of the same category on the same signal).
    /// </summary>
    public string GroupBy { get; set; } = "problem";

    /// <summary>
    /// Problems beside the defaults (<c>fulfillment</c>, <c>inventory</c>, <c>updates</c>, <c>google</c>, built from each
    /// target's <c>surface</c>). A problem with a default's name replaces it. First match wins, configured ones first.
    /// </summary>
    public List<ProblemOptions> Problems { get; set; } = [];

    /// <summary>Inhibition rules, as Alertmanager's <c>inhibit_rules</c>. Default none.</summary>
    public List<InhibitRuleOptions> Inhibit { get; set; } = [];

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

    /// <summary>
    /// Who is told at once: <c>emergency</c>, <c>technical</c>, <c>digest</c> (minor digest) or <c>none</c>, and the channels
    /// <c>pagerduty</c>, <c>slack</c>, <c>teams</c> (only those named; each must be configured). Default <c>[technical]</c>.
    /// </summary>
    public List<string> Notify { get; set; } = [];

    /// <summary>The case opened: <c>urgent</c>, <c>standard</c> (queued for business hours) or <c>none</c> (default).</summary>
    public string Case { get; set; } = "none";
}

/// <summary>Globs on an alert's labels (<c>*</c>, <c>?</c>); every list that is set must match. Used by problems and inhibition rules.</summary>
internal class MatcherOptions
{
    /// <summary>Rule names. Default: any.</summary>
    public List<string> Rules { get; set; } = [];

    /// <summary>Signal names (<c>checkout</c>, <c>feed:*</c>, a target's name...). Default: any.</summary>
    public List<string> Signals { get; set; } = [];

    /// <summary>Probe target names. Default: any.</summary>
    public List<string> Targets { get; set; } = [];

    /// <summary>Categories. Default: any.</summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>Severities. Default: any.</summary>
    public List<string> Severities { get; set; } = [];
}

/// <summary>A named problem (<c>monitor:incidents:problems:N</c>): the alerts it matches share one incident and one case.</summary>
internal sealed class ProblemOptions : MatcherOptions
{
    /// <summary>The problem's name, used by silences and shown in messages. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>How messages name it. Default: the name.</summary>
    public string? Title { get; set; }
}

/// <summary>One inhibition rule (<c>monitor:incidents:inhibit:N</c>).</summary>
internal sealed class InhibitRuleOptions
{
    /// <summary>While an alert matching this fires...</summary>
    public MatcherOptions Source { get; set; } = new();

    /// <summary>...alerts matching this are shown but tell nobody and join no case.</summary>
    public MatcherOptions Target { get; set; } = new();

    /// <summary>Labels (<c>rule</c>, <c>signal</c>, <c>target</c>, <c>category</c>, <c>severity</c>, <c>problem</c>) that must be equal on both. Default none.</summary>
    public List<string> Equal { get; set; } = [];
}
