using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Rules.Alerts;
using Monitor.Rules.Incidents;

namespace Monitor.Incidents.Lifecycle;

/// <summary>
/// The configuration the lifecycle decides with, bound once: the policy (routes, timers, case mode),
/// the problems (configured ones, then the defaults built from each target's <c>surface</c>) and the
/// inhibition rules.
/// </summary>
internal sealed class IncidentSettings
{
    /// <summary>The default problems, in order: what Google holds the partner responsible for.</summary>
    public static readonly IReadOnlyList<(string Name, string Title, string[] Signals)> Surfaces =
    [
        ("fulfillment", "the fulfillment endpoint", ["checkout", "submit_order", "sandbox:checkout", "sandbox:submit_order"]),
        ("inventory", "the inventory feeds", ["feed:*", "feed-age", "feed-count:*", "feed-updated"]),
        ("updates", "order and inventory updates", ["async_order_update", "rtu", "sandbox:async_order_update", "sandbox:rtu"]),
        ("google", "Google's ordering surfaces", []),
    ];

    private readonly Dictionary<string, string> _targetOfSignal = new(StringComparer.Ordinal);

    public IncidentSettings(MonitorOptions options)
    {
        var incidents = options.Incidents;
        Policy = new IncidentPolicy(
            Routes(incidents.Routes),
            Duration.Parse(incidents.RepeatInterval),
            Duration.Parse(incidents.Escalation.After),
            HasLevelTwo: incidents.Escalation.Contacts.Count > 0,
            HasContacts: options.Contacts.Emergency.Count + options.Contacts.Technical.Count + options.Channels.Configured().Count > 0,
            options.Cases.Mode.ToLowerInvariant() switch
            {
                "auto" => UrgentCaseMode.Auto,
                "draft" => UrgentCaseMode.Draft,
                _ => UrgentCaseMode.AfterConfirmation,
            },
            Duration.Parse(options.Cases.ConfirmationDelay),
            options.Cases.Standard,
            Duration.Parse(incidents.ReopenWindow));
        GroupBy = incidents.GroupBy.ToLowerInvariant();
        foreach (var t in options.Targets.Http)
        {
            _targetOfSignal[t.Name] = t.Name;
            _targetOfSignal[ProbeSignals.TlsPrefix + t.Name] = t.Name;
        }

        foreach (var t in options.Targets.Feeds)
        {
            _targetOfSignal[t.Name] = t.Name;
        }

        Problems = GroupBy == "problem" ? BuildProblems(options) : ProblemCatalog.None;
        Inhibitor = new Inhibitor([.. incidents.Inhibit.Select(r => new InhibitRule(Matcher(r.Source), Matcher(r.Target), r.Equal))]);
    }

    public IncidentPolicy Policy { get; }

    public ProblemCatalog Problems { get; }

    public Inhibitor Inhibitor { get; }

    /// <summary><c>problem</c>, <c>fingerprint</c> or <c>category-target</c>.</summary>
    public string GroupBy { get; }

    /// <summary>The names a silence's target may use: targets, problems and signals named in the problems.</summary>
    public IEnumerable<string> TargetNames => _targetOfSignal.Values.Distinct(StringComparer.Ordinal);

    /// <summary>The probe target a signal belongs to (its own name, or the target of a <c>tls:</c> signal), or empty.</summary>
    public string TargetOf(string signal) => _targetOfSignal.GetValueOrDefault(signal, "");

    /// <summary>What matchers see of an alert, with its problem.</summary>
    public AlertLabels Labels(string rule, string signal, Severity severity, AlertCategory category)
    {
        var labels = new AlertLabels(rule, signal, TargetOf(signal), category, severity);
        return Problems.Find(labels) is { } p ? labels with { Problem = p.Name } : labels;
    }

    /// <summary>The grouping key of an alert.</summary>
    public string Key(AlertLabels labels, string fingerprint) => GroupBy switch
    {
        "category-target" => $"category:{labels.Category.ToName()}|target:{labels.Signal}",
        _ when labels.Problem.Length > 0 => "problem:" + labels.Problem,
        _ => "fingerprint:" + fingerprint,
    };

    private ProblemCatalog BuildProblems(MonitorOptions options)
    {
        var list = new List<Problem>();
        foreach (var p in options.Incidents.Problems)
        {
            list.Add(new Problem(p.Name, p.Title ?? p.Name, [Matcher(p)]));
        }

        foreach (var (name, title, signals) in Surfaces)
        {
            if (list.Any(p => p.Name == name))
            {
                continue;
            }

            var targets = options.Targets.Http.Where(t => Is(t.Surface, name)).Select(t => t.Name)
                .Concat(options.Targets.Feeds.Where(t => Is(t.Surface, name)).Select(t => t.Name)).ToList();
            var matchers = new List<AlertMatcher>();
            if (signals.Length > 0)
            {
                matchers.Add(new AlertMatcher([], signals, [], [], []));
            }

            if (targets.Count > 0)
            {
                matchers.Add(new AlertMatcher([], [], targets, [], []));
            }

            if (matchers.Count > 0)
            {
                list.Add(new Problem(name, title, matchers));
            }
        }

        return new ProblemCatalog(list);
    }

    private static bool Is(string surface, string name) => string.Equals(surface, name, StringComparison.OrdinalIgnoreCase);

    private static AlertMatcher Matcher(MatcherOptions m) => new(m.Rules, m.Signals, m.Targets, m.Categories, m.Severities);

    private static RouteTable Routes(List<RouteOptions> routes) => new([.. routes.Select(r =>
    {
        var notify = r.Notify.Count == 0 ? ["technical"] : r.Notify.Select(n => n.ToLowerInvariant()).ToList();
        var kind = r.Case.ToLowerInvariant() switch { "urgent" => CaseKind.Urgent, "standard" => CaseKind.Standard, _ => CaseKind.None };
        return new RouteRule(
            r.Severities.Select(s => AlertClassification.TryParseSeverity(s, out var v) ? v.Value : Severity.Info).ToHashSet(),
            r.Categories.Select(c => AlertClassification.TryParseCategory(c, out var v) ? v.Value : AlertCategory.None).ToHashSet(),
            r.Urgent,
            new Monitor.Rules.Incidents.Route(notify.Contains("emergency"), notify.Contains("technical"), notify.Contains("digest"), kind,
                [.. notify.Where(n => Notifications.Outbox.Channels.Routable.Contains(n))]));
    })]);
}
