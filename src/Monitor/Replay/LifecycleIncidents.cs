using System.Globalization;
using Monitor.Configuration;
using Monitor.Incidents.Calendar;
using Monitor.Incidents.Lifecycle;
using Monitor.Rules.Alerts;
using Monitor.Rules.Incidents;

namespace Monitor.Replay;

/// <summary>
/// The incident layer's own lifecycle (<see cref="IncidentLifecycle"/>) on an in-memory store: alerts of one
/// problem share an incident, which escalates when a worse alert joins and has one case. Alerts firing at one
/// evaluation join worst first, as the daemon's intake orders them. Inhibition is judged when an alert fires;
/// an alert that becomes inhibited or released later is not replayed.
/// </summary>
internal sealed class LifecycleIncidents : IReplayIncidents
{
    private readonly IncidentSettings _settings;
    private readonly IncidentPolicy _policy;
    private readonly SupportCalendar _calendar;
    private readonly Dictionary<string, IncidentState> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReplayIncident> _shown = new(StringComparer.Ordinal);
    private readonly List<ReplayIncident> _incidents = [];
    private readonly List<ReplayCase> _cases = [];
    private readonly Dictionary<string, int> _caseOf = new(StringComparer.Ordinal);

    public LifecycleIncidents(IncidentSettings settings, SupportCalendar calendar)
    {
        _settings = settings;
        // A replay shows what would happen with people to tell, whether or not this config names them.
        _policy = settings.Policy with { HasContacts = true };
        _calendar = calendar;
    }

    /// <summary>The lifecycle as a configuration sets it up: problems, routes, case mode, reopen window, calendar.</summary>
    public static LifecycleIncidents For(MonitorOptions options) => new(new IncidentSettings(options), new SupportCalendar(options.Calendar));

    public IReadOnlyList<ReplayIncident> Incidents => _incidents;

    public IReadOnlyList<ReplayCase> Cases => _cases;

    public void Apply(IReadOnlyList<AlertTransition> transitions, DateTimeOffset now)
    {
        var ordered = transitions
            .OrderBy(t => t.At)
            .ThenByDescending(t => t.Kind == TransitionKind.Firing ? new IncidentLevel(t.Severity, t.Category).Rank : -1)
            .ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var t = ordered[i];
            if (t.Kind == TransitionKind.Firing)
            {
                var labels = _settings.Labels(t.Rule, t.Signal, t.Severity, t.Category);
                var key = _settings.Key(labels, t.Fingerprint);
                var group = new List<AlertTransition> { t };
                while (i + 1 < ordered.Count && ordered[i + 1] is { Kind: TransitionKind.Firing } next && next.At == t.At
                    && _settings.Key(_settings.Labels(next.Rule, next.Signal, next.Severity, next.Category), next.Fingerprint) == key)
                {
                    group.Add(next);
                    i++;
                }

                Fire(key, labels.Problem, group);
            }
            else if (t.Kind == TransitionKind.Resolved)
            {
                Resolve(t);
            }
        }

        foreach (var (key, state) in _byKey.ToList())
        {
            if (state.Case is { Phase: CasePhase.Pending, DueAt: { } due } && due <= now)
            {
                Record(key, IncidentLifecycle.Tick(state, _policy, Context(now)), now);
            }
        }
    }

    private void Fire(string key, string problem, List<AlertTransition> group)
    {
        var now = group[0].At;
        var firing = _byKey.Values.Where(s => s.IsOpen).SelectMany(s => s.Alerts).Where(a => a.Firing)
            .Select(a => _settings.Labels(a.Rule, a.Signal, a.Severity, a.Category)).ToList();
        var alerts = group.Select(t =>
        {
            var own = _settings.Labels(t.Rule, t.Signal, t.Severity, t.Category);
            var inhibited = _settings.Inhibitor.InhibitedBy(own, firing.Where(f => !(f.Rule == t.Rule && f.Signal == t.Signal))) is not null;
            return new IncidentAlert(t.Fingerprint, t.Rule, t.Signal, t.Severity, t.Category, true, inhibited, t.ActiveSince, t.At, t.Summary, "");
        }).ToList();
        _byKey.TryGetValue(key, out var state);
        var open = state is { IsOpen: true } ? state : null;
        var recent = state is { IsOpen: false } ? state : null;
        var decision = IncidentLifecycle.Fire(open, recent, key, problem.Length > 0 ? problem : null, alerts, _policy, Context(now));
        Record(key, decision, now);
    }

    private void Resolve(AlertTransition t)
    {
        var key = _settings.Key(_settings.Labels(t.Rule, t.Signal, t.Severity, t.Category), t.Fingerprint);
        if (!_byKey.TryGetValue(key, out var state) || !state.IsOpen || state.Alerts.FirstOrDefault(a => a.Fingerprint == t.Fingerprint) is not { } alert)
        {
            return;
        }

        Record(key, IncidentLifecycle.Resolve(state, alert with { Summary = t.Summary }, _policy, Context(t.At)), t.At);
    }

    private void Record(string key, IncidentDecision decision, DateTimeOffset now)
    {
        var state = decision.State;
        _byKey[key] = state;
        if (!_shown.TryGetValue(key, out var shown) || (shown.ResolvedAt is not null && state.IsOpen && state.Reopened == 0))
        {
            var id = "INC-" + (_incidents.Count + 1).ToString(CultureInfo.InvariantCulture);
            shown = new ReplayIncident(id, state.Problem ?? state.Rule + " on " + state.Signal, state.OpenedAt);
            _shown[key] = shown;
            _incidents.Add(shown);
        }

        shown.ResolvedAt = state.ResolvedAt;
        (shown.Severity, shown.Category) = (state.Level.Severity, state.Level.Category);
        if (state.Level.IsUrgent && !shown.Urgent)
        {
            (shown.Urgent, shown.UrgentAt) = (true, now);
        }

        if (shown.Notify == "none" && state.Notified)
        {
            var route = _policy.Routes.Resolve(state.Level);
            shown.Notify = route.Emergency ? "emergency" : route.Technical ? "technical" : route.Digest ? "digest" : "none";
        }

        if (state.Case is not { } c)
        {
            return;
        }

        var kind = c.Kind.ToName();
        if (!_caseOf.TryGetValue(shown.Id, out var index))
        {
            _caseOf[shown.Id] = _cases.Count;
            _cases.Add(new ReplayCase(kind, now, shown.Id, c.SubmittedAt));
        }
        else
        {
            var known = _cases[index];
            _cases[index] = known with { Kind = kind, At = known.Kind == kind ? known.At : now, SubmittedAt = c.SubmittedAt };
        }
    }

    private IncidentContext Context(DateTimeOffset now) => new(now, null, _calendar.NextBusinessTime(now));
}
