using Monitor.Configuration;

namespace Monitor.Ingest.Agents;

/// <summary>Checks <c>monitor:location</c> and <c>monitor:agents</c> on the central daemon.</summary>
internal static class AgentsOptionsValidator
{
    private const string Path = MonitorOptions.SectionName + ":agents";

    /// <summary>The shortest token accepted: long enough that guessing is hopeless.</summary>
    private const int MinTokenLength = 16;

    public static void Validate(MonitorOptions options, ConfigChecks check)
    {
        if (!LocationName.IsValid(options.Location))
        {
            check.Fail($"{MonitorOptions.SectionName}:location", $"'{options.Location}' is not a location name ({LocationName.Rule})");
        }

        var agents = options.Agents;
        check.PositiveDuration($"{Path}:staleAfter", agents.StaleAfter);
        check.PositiveDuration($"{Path}:maxClockSkew", agents.MaxClockSkew);
        if (agents.MaxBodyBytes is < 1024 or > 256L * 1024 * 1024)
        {
            check.Fail($"{Path}:maxBodyBytes", $"{agents.MaxBodyBytes} is not between 1024 and 268435456");
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal) { [options.Location] = $"{MonitorOptions.SectionName}:location" };
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < agents.Locations.Count; i++)
        {
            var at = $"{Path}:locations:{i}";
            var agent = agents.Locations[i];
            if (!LocationName.IsValid(agent.Name))
            {
                check.Fail($"{at}:name", $"'{agent.Name}' is not a location name ({LocationName.Rule})");
            }
            else if (!names.TryAdd(agent.Name, at))
            {
                check.Fail($"{at}:name", $"location '{agent.Name}' is already used by {names[agent.Name]}");
            }

            var token = SecretValue.Resolve(agent.Token);
            if (token.Length < MinTokenLength)
            {
                // Never the token itself: only its length.
                check.Fail($"{at}:token", agent.Token.Length == 0
                    ? "required: the agent's own bearer token (write ${env:NAME})"
                    : $"resolves to {token.Length} characters; at least {MinTokenLength} are required");
            }
            else if (!tokens.Add(token))
            {
                check.Fail($"{at}:token", "the same token as another location: give each agent its own, so that one can be revoked alone");
            }
        }
    }

    /// <summary>Every location: this daemon's own first, then the agents'.</summary>
    public static IReadOnlyList<string> AllLocations(MonitorOptions options) =>
        [options.Location, .. options.Agents.Locations.Select(a => a.Name)];
}

/// <summary>Rules with a quorum: what they may read, and what <c>check-config</c> warns about.</summary>
internal static class QuorumRuleChecks
{
    /// <summary>
    /// A quorum rule must read one probe target (or an https target's certificate, <c>tls:TARGET</c>, or a feed
    /// signal), and ask for no more locations than there are.
    /// </summary>
    public static void Validate(MonitorOptions options, IReadOnlyCollection<string> targets, ConfigChecks check)
    {
        var locations = AgentsOptionsValidator.AllLocations(options).Count;
        var readable = QuorumSignals(options, targets).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            if (rule.MinLocations is null && rule.LocationShare is null)
            {
                continue;
            }

            var at = $"{MonitorOptions.SectionName}:rules:{i}";
            if (!string.IsNullOrWhiteSpace(rule.Signal) && !readable.Contains(rule.Signal))
            {
                check.Fail($"{at}:signal", $"a quorum reads a probe target (or tls:TARGET, or a feed signal) from every location; '{rule.Signal}' is none of them");
            }

            if (rule.MinLocations is { } min && min > locations)
            {
                check.Fail($"{at}:minLocations", $"{min} is more than the {locations} locations configured (monitor:location and monitor:agents:locations)");
            }
        }
    }

    /// <summary>
    /// Signals that exist once agents are configured: each target from each location (<c>TARGET@LOCATION</c>), with
    /// its certificate and feed figures (<c>tls:TARGET@LOCATION</c>, <c>feed-count:TYPE@LOCATION</c>...), and each
    /// agent's heartbeat (<c>location:NAME</c>), so that a rule may read one location alone.
    /// </summary>
    public static IEnumerable<string> LocationSignals(MonitorOptions options, IEnumerable<string> targets)
    {
        if (options.Agents.Locations.Count == 0)
        {
            return [];
        }

        var locations = AgentsOptionsValidator.AllLocations(options);
        return QuorumSignals(options, targets).SelectMany(t => locations.Select(l => Rules.Locations.LocationSignals.Qualify(t, l)))
            .Concat(options.Agents.Locations.Select(l => AgentReportEndpoint.HeartbeatPrefix + l.Name));
    }

    /// <summary>The signals that have a series per location: the targets, the https targets' certificates and the feed signals.</summary>
    public static IEnumerable<string> QuorumSignals(MonitorOptions options, IEnumerable<string> targets)
    {
        var signals = targets.Concat(options.Targets.Http
            .Where(t => t.Url.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
            .Select(t => Alerting.ProbeSignals.TlsPrefix + t.Name));
        return options.Targets.Feeds.Count == 0
            ? signals
            : signals.Concat(Alerting.ProbeSignals.FeedSignalNames(Enum.GetNames<Probes.Feed.Validation.EntityType>()
                .Where(n => n != nameof(Probes.Feed.Validation.EntityType.Unknown))));
    }

    /// <summary>
    /// With more than one location, an urgent <c>integration-down</c> rule without a quorum decides from one
    /// vantage point: the monitor's own network trouble would open an urgent case.
    /// </summary>
    public static IReadOnlyList<ConfigError> Warnings(MonitorOptions options)
    {
        var warnings = new List<ConfigError>();
        var locations = AgentsOptionsValidator.AllLocations(options).Count;
        if (locations < 2)
        {
            return warnings;
        }

        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = Alerting.RuleFactory.Create(options.Rules[i], $"{MonitorOptions.SectionName}:rules:{i}", new List<string>());
            if (rule is { Quorum: null, Category: Rules.Alerts.AlertCategory.IntegrationDown }
                && Rules.Alerts.AlertClassification.IsUrgent(rule.Severity, rule.Category))
            {
                warnings.Add(new ConfigError($"{MonitorOptions.SectionName}:rules:{i}",
                    $"urgent integration-down rule '{rule.Name}' has no quorum while {locations} locations are configured: "
                    + "one location's network trouble would open an urgent case (set minLocations or locationShare)"));
            }
        }

        return warnings;
    }
}
