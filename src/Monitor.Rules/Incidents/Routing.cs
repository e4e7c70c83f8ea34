using Monitor.Rules.Alerts;

namespace Monitor.Rules.Incidents;

/// <summary>Who is told about an incident at a level, and which case it opens.</summary>
/// <param name="Emergency">Tell the emergency contacts at once.</param>
/// <param name="Technical">Tell the technical contacts at once.</param>
/// <param name="Digest">Put it in the periodic digest instead.</param>
/// <param name="Case">The case it opens.</param>
/// <param name="Channels">
/// The chat and paging channels told at once (<c>pagerduty</c>, <c>slack</c>, <c>teams</c>), as a configured route names them;
/// null for a default route, whose channels the daemon chooses.
/// </param>
public sealed record Route(bool Emergency, bool Technical, bool Digest, CaseKind Case, IReadOnlyList<string>? Channels = null)
{
    /// <summary>True when somebody is told at once.</summary>
    public bool NotifiesAtOnce => Emergency || Technical || Channels is { Count: > 0 };
}

/// <summary>One routing rule; an empty set matches anything.</summary>
/// <param name="Severities">Severities matched.</param>
/// <param name="Categories">Categories matched.</param>
/// <param name="Urgent">When set, only urgent (true) or only non-urgent (false) levels.</param>
/// <param name="Route">The route taken.</param>
public sealed record RouteRule(IReadOnlySet<Severity> Severities, IReadOnlySet<AlertCategory> Categories, bool? Urgent, Route Route)
{
    /// <summary>True when the rule applies to <paramref name="level"/>.</summary>
    public bool Matches(IncidentLevel level) =>
        (Severities.Count == 0 || Severities.Contains(level.Severity))
        && (Categories.Count == 0 || Categories.Contains(level.Category))
        && (Urgent is null || Urgent == level.IsUrgent);
}

/// <summary>The configured routing rules, first match wins, then the defaults.</summary>
/// <param name="Rules">The configured rules.</param>
public sealed record RouteTable(IReadOnlyList<RouteRule> Rules)
{
    /// <summary>The defaults alone.</summary>
    public static RouteTable Default { get; } = new([]);

    /// <summary>The route of a level.</summary>
    public Route Resolve(IncidentLevel level)
    {
        foreach (var rule in Rules)
        {
            if (rule.Matches(level))
            {
                return rule.Route;
            }
        }

        if (level.IsUrgent)
        {
            return new Route(Emergency: true, Technical: true, Digest: false, CaseKind.Urgent);
        }

        var standard = level.Category == AlertCategory.TechnicalSupport && level.Severity >= Severity.Major ? CaseKind.Standard : CaseKind.None;
        return level.Severity switch
        {
            Severity.Critical or Severity.Major => new Route(false, true, false, standard),
            Severity.Minor => new Route(false, false, true, CaseKind.None),
            _ => new Route(false, false, false, CaseKind.None),
        };
    }
}

/// <summary>How urgent cases are sent.</summary>
public enum UrgentCaseMode
{
    /// <summary>Submitted at once.</summary>
    Auto,

    /// <summary>Submitted after the confirmation delay unless acknowledged or resolved meanwhile.</summary>
    AfterConfirmation,

    /// <summary>Written as an evidence bundle only.</summary>
    Draft,
}

/// <summary>The settings the lifecycle decides with, bound once from configuration.</summary>
/// <param name="Routes">Routing.</param>
/// <param name="RepeatInterval">Reminder interval; zero for none.</param>
/// <param name="EscalateAfter">Level-2 escalation delay; zero for never.</param>
/// <param name="HasLevelTwo">True when level-2 contacts are configured.</param>
/// <param name="HasContacts">True when emergency or technical contacts, or a chat or paging channel, are configured.</param>
/// <param name="CaseMode">How urgent cases are sent.</param>
/// <param name="ConfirmationDelay">The delay of <see cref="UrgentCaseMode.AfterConfirmation"/>.</param>
/// <param name="StandardCases">True to open standard cases for routes that ask for them.</param>
/// <param name="ReopenWindow">An alert firing again this soon after its incident resolved reopens it.</param>
public sealed record IncidentPolicy(
    RouteTable Routes,
    TimeSpan RepeatInterval,
    TimeSpan EscalateAfter,
    bool HasLevelTwo,
    bool HasContacts,
    UrgentCaseMode CaseMode,
    TimeSpan ConfirmationDelay,
    bool StandardCases,
    TimeSpan ReopenWindow);

/// <summary>What the daemon knows at the moment of a step, beside the incident itself.</summary>
/// <param name="Now">The time of the step.</param>
/// <param name="HoldReason">Why notifications of this incident are held now (maintenance, a silence), or null.</param>
/// <param name="NextBusinessTime">The next business time of the support calendar from <paramref name="Now"/> (itself when in business hours).</param>
public sealed record IncidentContext(DateTimeOffset Now, string? HoldReason, DateTimeOffset NextBusinessTime)
{
    /// <summary>True when notifications are held.</summary>
    public bool Held => HoldReason is not null;
}
