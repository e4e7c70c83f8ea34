using System.Globalization;
using Monitor.Rules.Alerts;

namespace Monitor.Replay;

/// <summary>
/// One incident per problem: the alerts firing on the signals of one problem (the fulfillment endpoint,
/// the update APIs, sandbox traffic, or else the signal itself) share an open incident, which is as bad as
/// its worst alert and escalates when a worse one joins. It has one case: urgent once the incident is,
/// standard for a major or critical technical-support incident, none otherwise. Info alerts open nothing.
/// </summary>
internal sealed class ProblemGrouping : IReplayIncidents
{
    private readonly List<ReplayIncident> _incidents = [];
    private readonly List<ReplayCase> _cases = [];
    private readonly Dictionary<string, (ReplayIncident Incident, HashSet<string> Firing)> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _caseOf = new(StringComparer.Ordinal);

    public IReadOnlyList<ReplayIncident> Incidents => _incidents;

    public IReadOnlyList<ReplayCase> Cases => _cases;

    /// <summary>The problem a signal belongs to.</summary>
    public static string ProblemOf(string signal) => signal switch
    {
        "checkout" or "submit_order" => "fulfillment",
        "async_order_update" or "rtu" => "update-apis",
        _ when signal.StartsWith("sandbox:", StringComparison.Ordinal) => "sandbox",
        _ => signal,
    };

    public void Apply(AlertTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var problem = ProblemOf(transition.Signal);
        if (transition.Kind == TransitionKind.Firing && transition.Severity > Severity.Info)
        {
            if (!_open.TryGetValue(problem, out var open))
            {
                var id = "INC-" + (_incidents.Count + 1).ToString(CultureInfo.InvariantCulture);
                open = (new ReplayIncident(id, problem, transition.At), new HashSet<string>(StringComparer.Ordinal));
                _open[problem] = open;
                _incidents.Add(open.Incident);
            }

            open.Firing.Add(transition.Fingerprint);
            Worsen(open.Incident, transition);
        }
        else if (transition.Kind == TransitionKind.Resolved && _open.TryGetValue(problem, out var open)
            && open.Firing.Remove(transition.Fingerprint) && open.Firing.Count == 0)
        {
            open.Incident.ResolvedAt = transition.At;
            _open.Remove(problem);
        }
    }

    private void Worsen(ReplayIncident incident, AlertTransition transition)
    {
        var urgent = transition.IsUrgent;
        if (urgent && !incident.Urgent)
        {
            (incident.Urgent, incident.UrgentAt, incident.Severity, incident.Category) = (true, transition.At, transition.Severity, transition.Category);
        }
        else if (!incident.Urgent && transition.Severity > incident.Severity)
        {
            (incident.Severity, incident.Category) = (transition.Severity, transition.Category);
        }

        var kind = incident.Urgent ? "urgent"
            : incident.Severity >= Severity.Major && incident.Category == AlertCategory.TechnicalSupport ? "standard"
            : null;
        if (kind is null)
        {
            return;
        }

        if (!_caseOf.TryGetValue(incident.Id, out var index))
        {
            _caseOf[incident.Id] = _cases.Count;
            _cases.Add(new ReplayCase(kind, transition.At, incident.Id));
        }
        else if (kind == "urgent" && _cases[index].Kind != "urgent")
        {
            // One case per incident: the standard case becomes urgent.
            _cases[index] = new ReplayCase(kind, transition.At, incident.Id);
        }
    }
}
