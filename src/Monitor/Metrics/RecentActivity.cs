using System.Collections.Concurrent;
using Monitor.Probes;
using Monitor.Rules.Alerts;

namespace Monitor.Metrics;

/// <summary>
/// The latest probe result per target and the latest transitions, kept in memory so the status page
/// and the API can say what happened last without a store. Bounded by the configured targets and rules,
/// plus a short list of recent transitions.
/// </summary>
internal sealed class RecentActivity
{
    /// <summary>Transitions kept in the recent list.</summary>
    public const int MaxTransitions = 50;

    private readonly ConcurrentDictionary<string, ProbeResult> _probes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AlertTransition> _lastByRule = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly LinkedList<AlertTransition> _transitions = new();

    public void Record(ProbeResult result) => _probes[result.Target] = result;

    public void Record(AlertTransition transition)
    {
        _lastByRule[transition.Rule] = transition;
        lock (_gate)
        {
            _transitions.AddFirst(transition);
            if (_transitions.Count > MaxTransitions)
            {
                _transitions.RemoveLast();
            }
        }
    }

    /// <summary>The last result of a target, or null before its first run.</summary>
    public ProbeResult? LastProbe(string target) => _probes.TryGetValue(target, out var result) ? result : null;

    /// <summary>The last transition of a rule, or null if it never changed state.</summary>
    public AlertTransition? LastTransition(string rule) => _lastByRule.TryGetValue(rule, out var transition) ? transition : null;

    /// <summary>The most recent transitions, newest first.</summary>
    public IReadOnlyList<AlertTransition> Transitions()
    {
        lock (_gate)
        {
            return [.. _transitions];
        }
    }
}
