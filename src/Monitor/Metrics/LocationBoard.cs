using System.Collections.Concurrent;
using Monitor.Probes;

namespace Monitor.Metrics;

/// <summary>
/// The last result of every target from every location, and what each agent last said about itself (its report
/// time, clock skew, drops). Read by <c>/api/v1/locations</c> and <c>/locations</c>. Bounded: only configured
/// targets and locations are ever recorded. Thread-safe.
/// </summary>
internal sealed class LocationBoard
{
    private readonly ConcurrentDictionary<(string Target, string Location), ProbeResult> _last = new();
    private readonly ConcurrentDictionary<string, AgentState> _agents = new(StringComparer.Ordinal);

    public void Record(string location, ProbeResult result) => _last[(result.Target, location)] = result;

    public void Reported(string location, DateTimeOffset at, double? clockSkewSeconds, long dropped, long accepted, long refused, long gaps) =>
        _agents.AddOrUpdate(location,
            _ => new AgentState(at, clockSkewSeconds, dropped, accepted, refused, gaps),
            (_, s) => new AgentState(at, clockSkewSeconds ?? s.ClockSkewSeconds, s.Dropped + dropped, s.Accepted + accepted, s.Refused + refused, s.Gaps + gaps));

    public ProbeResult? Last(string target, string location) => _last.GetValueOrDefault((target, location));

    public AgentState? Agent(string location) => _agents.GetValueOrDefault(location);
}

/// <summary>What the central knows of one agent.</summary>
/// <param name="LastReport">When its last report arrived (central time).</param>
/// <param name="ClockSkewSeconds">How far its clock was ahead of the central's at that report.</param>
/// <param name="Dropped">Results it dropped from a full spool, as it reported them.</param>
/// <param name="Accepted">Results accepted from it.</param>
/// <param name="Refused">Results refused (unknown target, malformed, from the future).</param>
/// <param name="Gaps">Results missing between consecutive sequence numbers (beyond those it reported as dropped).</param>
internal sealed record AgentState(DateTimeOffset LastReport, double? ClockSkewSeconds, long Dropped, long Accepted, long Refused, long Gaps);
