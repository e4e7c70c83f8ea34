namespace Monitor.Rules.Locations;

/// <summary>
/// How many locations must see a failure at the same time before a rule fires: at least
/// <see cref="MinLocations"/> failing locations, and/or at least <see cref="LocationShare"/> of the
/// fresh locations. A location is fresh while it reported within <see cref="StaleAfter"/>; a stale
/// location counts neither as failing nor as healthy.
/// </summary>
/// <param name="MinLocations">Fewest failing fresh locations; null for no such minimum.</param>
/// <param name="LocationShare">Smallest share of failing among fresh locations, in (0, 1]; null for no such share.</param>
/// <param name="StaleAfter">How long a location may stay silent before it is stale.</param>
public sealed record LocationQuorum(int? MinLocations, double? LocationShare, TimeSpan StaleAfter)
{
    /// <summary>
    /// How long a location must fail alone before its "unreachable from" alert fires (at least the rule's own
    /// <c>for</c>): long enough for the other locations' results of the same moment to arrive, so that an outage seen
    /// everywhere gives the quorum's alert only. Default zero.
    /// </summary>
    public TimeSpan ConfirmFor { get; init; }

    /// <summary>Whether a location last heard of at <paramref name="lastSeen"/> is stale at <paramref name="now"/> (never heard of: stale).</summary>
    public bool IsStale(DateTimeOffset? lastSeen, DateTimeOffset now) => lastSeen is not { } seen || now - seen > StaleAfter;

    /// <summary>Decides the quorum over the locations' views at one evaluation.</summary>
    public QuorumDecision Decide(IReadOnlyList<LocationView> locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        var failing = new List<string>();
        var stale = new List<string>();
        var fresh = 0;
        foreach (var location in locations)
        {
            if (location.Stale)
            {
                stale.Add(location.Location);
                continue;
            }

            fresh++;
            if (location.Failing)
            {
                failing.Add(location.Location);
            }
        }

        var share = fresh == 0 ? 0 : (double)failing.Count / fresh;
        var met = failing.Count > 0
            && (MinLocations is not { } min || failing.Count >= min)
            && (LocationShare is not { } least || share >= least);
        return new QuorumDecision(met, failing, stale, fresh, share);
    }

    /// <summary>The quorum in words, for messages: <c>2 locations</c>, <c>50% of locations</c>.</summary>
    public string Describe() => (MinLocations, LocationShare) switch
    {
        ({ } min, { } least) => Definitions.Text.Invariant($"{min} locations and {Definitions.Text.Percent(least)} of locations"),
        ({ } min, null) => Definitions.Text.Invariant($"{min} locations"),
        (null, { } least) => Definitions.Text.Invariant($"{Definitions.Text.Percent(least)} of locations"),
        _ => "any location",
    };
}

/// <summary>What one location sees of a rule's condition at one evaluation.</summary>
/// <param name="Location">The location name.</param>
/// <param name="Failing">The rule's condition holds on this location's series.</param>
/// <param name="Stale">The location has not reported recently: it counts neither way.</param>
public readonly record struct LocationView(string Location, bool Failing, bool Stale);

/// <summary>The outcome of a quorum at one evaluation.</summary>
/// <param name="Met">Enough fresh locations see the failure.</param>
/// <param name="Failing">Fresh locations whose condition holds, in the order given.</param>
/// <param name="Stale">Locations left out as stale.</param>
/// <param name="Fresh">How many locations counted.</param>
/// <param name="FailingShare">Failing among fresh locations, 0 with none fresh.</param>
public sealed record QuorumDecision(bool Met, IReadOnlyList<string> Failing, IReadOnlyList<string> Stale, int Fresh, double FailingShare);
