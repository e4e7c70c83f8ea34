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

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private volatile Bound _bound;

    public IncidentSettings(MonitorOptions options)
    {
        GroupBy = options.Incidents.GroupBy.ToLowerInvariant() switch
        {
            "fingerprint" => IncidentGrouping.Fingerprint,
            "category-target" => IncidentGrouping.CategoryTarget,
            _ => IncidentGrouping.Problem,
        };
        _bound = Bind(options);
    }

    public IncidentPolicy Policy => _bound.Policy;

    public ProblemCatalog Problems => _bound.Problems;

    public Inhibitor Inhibitor => _bound.Inhibitor;

    /// <summary>How alerts are grouped into incidents; fixed at start, since a change would re-key open incidents.</summary>
    public IncidentGrouping GroupBy { get; }

    /// <summary>The names a silence's target may use: targets, problems and signals named in the problems.</summary>
    public IEnumerable<string> TargetNames => _bound.TargetOfSignal.Values.Distinct(StringComparer.Ordinal);

    /// <summary>The configured rules' names, in order, without duplicates.</summary>
    public IReadOnlyList<string> RuleNames => _bound.RuleNames;

    /// <summary>The signals the configured rules read; a pattern rule's may hold <c>*</c>.</summary>
    public IReadOnlyList<string> RuleSignals => _bound.RuleSignals;

    /// <summary>A rule's annotations (<c>summary</c>, <c>description</c>, <c>runbook_url</c>...), empty when it has none.</summary>
    public IReadOnlyDictionary<string, string> Annotations(string rule) =>
        _bound.Annotations.TryGetValue(rule, out var found) ? found : Empty;

    /// <summary>
    /// Binds the reloadable parts again from a configuration a reload accepted: routes, timers, problems,
    /// inhibition, contacts, targets and rules. The grouping stays as it was at start.
    /// </summary>
    public void Reload(MonitorOptions options) => _bound = Bind(options);

    /// <summary>The probe target a signal belongs to (its own name, or the target of a <c>tls:</c> signal), or empty.</summary>
    public string TargetOf(string signal) => _bound.TargetOfSignal.GetValueOrDefault(signal, "");

    /// <summary>What matchers see of an alert, with its problem.</summary>
    public AlertLabels Labels(string rule, string signal, Severity severity, AlertCategory category)
    {
        var labels = new AlertLabels(rule, signal, TargetOf(signal), category, severity);
        return Problems.Find(labels) is { } p ? labels with { Problem = p.Name } : labels;
    }

    /// <summary>The grouping key of an alert.</summary>
    public string Key(AlertLabels labels, string fingerprint) => GroupBy switch
    {
        IncidentGrouping.CategoryTarget => $"category:{labels.Category.ToName()}|target:{labels.Signal}",
        _ when labels.Problem.Length > 0 => "problem:" + labels.Problem,
        _ => "fingerprint:" + fingerprint,
    };

    private Bound Bind(MonitorOptions options)
    {
        var incidents = options.Incidents;
        var policy = new IncidentPolicy(
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
        var targetOfSignal = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in options.Targets.Http)
        {
            targetOfSignal[t.Name] = t.Name;
            targetOfSignal[ProbeSignals.TlsPrefix + t.Name] = t.Name;
        }

        foreach (var t in options.Targets.Feeds)
        {
            targetOfSignal[t.Name] = t.Name;
        }

        var annotations = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var rule in options.Rules.Where(r => r.Annotations.Count > 0))
        {
            annotations.TryAdd(rule.Name, new Dictionary<string, string>(rule.Annotations, StringComparer.Ordinal));
        }

        return new Bound(
            policy,
            GroupBy == IncidentGrouping.Problem ? BuildProblems(options) : ProblemCatalog.None,
            new Inhibitor([.. incidents.Inhibit.Select(r => new InhibitRule(Matcher(r.Source), Matcher(r.Target), r.Equal))]),
            targetOfSignal,
            [.. options.Rules.Select(r => r.Name).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)],
            [.. options.Rules.Select(r => r.Signal).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)],
            annotations);
    }

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

    /// <summary>Everything bound from one configuration, swapped whole on a reload.</summary>
    private sealed record Bound(
        IncidentPolicy Policy,
        ProblemCatalog Problems,
        Inhibitor Inhibitor,
        IReadOnlyDictionary<string, string> TargetOfSignal,
        IReadOnlyList<string> RuleNames,
        IReadOnlyList<string> RuleSignals,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Annotations);

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

/// <summary>How alerts are grouped into incidents (<c>incidents.groupBy</c>).</summary>
internal enum IncidentGrouping
{
    /// <summary>By problem; an alert that matches none stays on its own, by fingerprint.</summary>
    Problem,

    /// <summary>Each alert (rule and series) its own incident.</summary>
    Fingerprint,

    /// <summary>By category and signal.</summary>
    CategoryTarget,
}
