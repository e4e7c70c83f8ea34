using Monitor.Ingest;
using Monitor.Ingest.Parsing;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using Monitor.Rules.Google;
using Monitor.Rules.Observations;

namespace Monitor.Replay;

/// <summary>
/// Runs recorded outcomes through the rules on a virtual clock: before an observation at time T is
/// recorded, the rules are evaluated at every evaluation time before T (so an evaluation at t sees every
/// observation up to and including t), and Google's alerts at every whole minute up to T. Nothing is
/// sent and nothing is stored. Lines more than one interval older than the newest line are refused as out
/// of order; a line a little late is recorded as the daemon would record it. Not thread-safe.
/// </summary>
internal sealed class Replayer
{
    private readonly ReplaySettings _settings;
    private readonly RuleEngine _engine;
    private readonly GoogleFulfillmentAlerts _google = new();
    private readonly IReplayIncidents _incidents;
    private readonly ObservationParser _parser;
    private readonly List<InputProblem> _problems = [];
    private readonly Dictionary<string, AlertHistory> _alerts = new(StringComparer.Ordinal);
    private readonly List<TimelineEvent> _timeline = [];
    private readonly List<GoogleAlertChange> _googleChanges = [];
    private readonly InputCounts _counts = new();
    private readonly long _intervalTicks;
    private long _nextEvaluation = long.MinValue;
    private long _newest = long.MinValue;
    private long _evaluations;
    private string _source = "";

    public Replayer(IReadOnlyList<AlertRule> rules, ReplaySettings settings, IEnumerable<string>? customActions = null, IReplayIncidents? incidents = null)
    {
        _settings = settings;
        _intervalTicks = settings.Interval.Ticks;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_intervalTicks, 0, nameof(settings));
        _engine = new RuleEngine(rules, settings.Resolution);
        _incidents = incidents ?? LifecycleIncidents.For(new Configuration.MonitorOptions());
        _parser = new ObservationParser(new ActionCatalog(customActions ?? []), new StringPool());
    }

    /// <summary>Set when the input spans more evaluations than <see cref="ReplaySettings.MaxEvaluations"/>; the replay stopped there.</summary>
    public string? Stopped { get; private set; }

    /// <summary>Replays one input, after those replayed before it.</summary>
    public void Replay(string sourceName, Stream input)
    {
        _source = sourceName;
        new LineSplitter().Split(input, OnLine);
    }

    /// <summary>Runs the evaluations due up to the newest line and returns what happened.</summary>
    public ReplayResult Finish()
    {
        if (_newest != long.MinValue)
        {
            EvaluateUpTo(_newest, inclusive: true);
        }

        var google = _google.Alerts.Select(a => (a, _google.FirstFired(a))).ToList();
        var leads = new List<AlertLead>();
        foreach (var alert in _alerts.Values.Where(a => a.Urgent && a.Firings.Count > 0))
        {
            if (GoogleAlert.All.FirstOrDefault(g => g.Signal == alert.Signal) is not { } reference)
            {
                continue;
            }

            var at = alert.Firings[0].At;
            var googleAt = _google.FirstFired(reference);
            leads.Add(new AlertLead(alert.Rule, alert.Signal, at, reference, googleAt, googleAt - at));
        }

        var timeline = _timeline.OrderBy(e => e.At).ToList(); // stable: same-time events keep their order
        return new ReplayResult(_counts, _problems, [.. _alerts.Values], _incidents.Incidents, _incidents.Cases, google, leads, timeline);
    }

    private void OnLine(ReadOnlySpan<byte> line, long number, bool tooLong)
    {
        if (Stopped is not null)
        {
            return;
        }

        if (tooLong)
        {
            _counts.Lines++;
            Refuse(number, "malformed", $"longer than {LineSplitter.DefaultBufferSize} bytes");
            return;
        }

        line = line.TrimEnd(" \t\r"u8);
        if (line.IsEmpty || line.IndexOfAnyExcept(" \t"u8) < 0)
        {
            return;
        }

        _counts.Lines++;
        if (!_parser.TryParse(line, DateTimeOffset.MinValue, out var outcome, out _, out var message))
        {
            Refuse(number, "malformed", message ?? "not an outcome");
            return;
        }

        if (outcome.Time == DateTimeOffset.MinValue)
        {
            Refuse(number, "malformed", "time: required");
            return;
        }

        var ticks = outcome.Time.UtcTicks;
        if (_newest != long.MinValue && ticks < _newest - _intervalTicks)
        {
            _counts.OutOfOrder++;
            Refuse(number, "out-of-order",
                $"time {outcome.Time.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} is more than {ReplayText.Span(_settings.Interval)} before an earlier line's {new DateTime(_newest, DateTimeKind.Utc):yyyy-MM-ddTHH:mm:ss.fffZ}",
                counted: false);
            return;
        }

        if ((_settings.From is { } from && outcome.Time < from) || (_settings.To is { } to && outcome.Time >= to))
        {
            _counts.OutsideRange++;
            return;
        }

        var observation = OutcomeSemantics.ToObservation(outcome, _parser.Actions);
        Record(observation, ticks);
    }

    private void Record(in Observation observation, long ticks)
    {
        if (_nextEvaluation == long.MinValue)
        {
            // Evaluations fall on multiples of the interval, as if the daemon had been running all along.
            _nextEvaluation = ((ticks + _intervalTicks - 1) / _intervalTicks) * _intervalTicks;
            _counts.First = observation.Timestamp;
        }

        EvaluateUpTo(ticks, inclusive: false);
        if (Stopped is not null)
        {
            return;
        }

        _google.Advance(observation.Timestamp, _googleChanges);
        foreach (var change in _googleChanges)
        {
            _timeline.Add(new TimelineEvent(change.At, change.Firing ? "google" : "google-clear", ReplayText.Describe(change)));
        }

        _googleChanges.Clear();
        _google.Record(observation);
        _engine.Record(observation);
        _counts.Replayed++;
        if (ticks > _newest)
        {
            _newest = ticks;
            _counts.Last = observation.Timestamp;
        }
    }

    private void EvaluateUpTo(long ticks, bool inclusive)
    {
        while (_nextEvaluation < ticks || (inclusive && _nextEvaluation == ticks))
        {
            if (++_evaluations > _settings.MaxEvaluations)
            {
                Stopped = $"the input spans more than {_settings.MaxEvaluations} evaluations of {ReplayText.Span(_settings.Interval)}; stopped at {new DateTime(_nextEvaluation, DateTimeKind.Utc):yyyy-MM-ddTHH:mm:ssZ}";
                return;
            }

            var now = new DateTimeOffset(_nextEvaluation, TimeSpan.Zero);
            var transitions = _engine.Evaluate(now);
            foreach (var transition in transitions)
            {
                Apply(transition);
            }

            ApplyToIncidents(transitions, now);

            _nextEvaluation += _intervalTicks;
        }
    }

    private void Apply(AlertTransition transition)
    {
        if (!_alerts.TryGetValue(transition.Fingerprint, out var history))
        {
            history = new AlertHistory(transition.Rule, transition.Signal, transition.Severity, transition.Category);
            _alerts[transition.Fingerprint] = history;
        }

        switch (transition.Kind)
        {
            case TransitionKind.Firing:
                history.Firings.Add(new AlertFiring(transition.At, null));
                break;
            case TransitionKind.Resolved when history.Firings.Count > 0:
                history.Firings[^1] = history.Firings[^1] with { ResolvedAt = transition.At };
                break;
        }

        _timeline.Add(new TimelineEvent(transition.At, ReplayText.KindName(transition.Kind), ReplayText.Describe(transition)));
    }

    private void ApplyToIncidents(IReadOnlyList<AlertTransition> transitions, DateTimeOffset now)
    {
        var incidents = _incidents.Incidents.Count;
        var urgent = _incidents.Incidents.Where(i => i.Urgent).ToList();
        var cases = _incidents.Cases.ToList();
        var open = _incidents.Incidents.Where(i => i.ResolvedAt is null).ToList();
        _incidents.Apply(transitions, now);
        for (var i = 0; i < _incidents.Incidents.Count; i++)
        {
            var incident = _incidents.Incidents[i];
            if (i >= incidents)
            {
                _timeline.Add(new TimelineEvent(now, "incident", $"{incident.Id} opened on {incident.Problem}: {Level(incident)}, {ReplayText.Told(incident.Notify)}"));
            }
            else if (incident.Urgent && !urgent.Contains(incident))
            {
                _timeline.Add(new TimelineEvent(now, "incident", $"{incident.Id} escalated: {Level(incident)}, emergency contacts told"));
            }
        }

        for (var i = 0; i < _incidents.Cases.Count; i++)
        {
            var after = _incidents.Cases[i];
            var before = i < cases.Count ? cases[i] : null;
            if (before is null || before.Kind != after.Kind)
            {
                _timeline.Add(new TimelineEvent(now, "case", $"{after.Kind} case for {after.IncidentId}"));
            }

            if (after.SubmittedAt is { } submitted && before?.SubmittedAt is null)
            {
                _timeline.Add(new TimelineEvent(submitted, "case", $"{after.Kind} case for {after.IncidentId} submitted"));
            }
        }

        foreach (var incident in open.Where(i => i.ResolvedAt is not null))
        {
            _timeline.Add(new TimelineEvent(now, "incident", $"{incident.Id} resolved"));
        }
    }

    private static string Level(ReplayIncident incident) =>
        incident.Urgent ? $"urgent {incident.Category.ToName()}" : $"{incident.Severity.ToName()} {incident.Category.ToName()}";

    private void Refuse(long line, string kind, string message, bool counted = true)
    {
        if (counted)
        {
            _counts.Malformed++;
        }

        if (_problems.Count < _settings.KeptProblems)
        {
            _problems.Add(new InputProblem(_source, line, kind, message));
        }
    }
}
