using Monitor.Rules.Alerts;

namespace Monitor.Rules.State;

/// <summary>
/// Everything a <see cref="Evaluation.RuleEngine"/> knows: alert states and window contents. Plain data
/// made for System.Text.Json, so that a restart resumes without re-alerting or forgetting.
/// </summary>
/// <param name="Version">Format version; an engine ignores snapshots of another version.</param>
/// <param name="Alerts">The state of every alert series that is not inactive.</param>
/// <param name="Series">The window contents of every series.</param>
public sealed record EngineSnapshot(int Version, IReadOnlyList<AlertSnapshot> Alerts, IReadOnlyList<SeriesSnapshot> Series)
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int CurrentVersion = 2;

    /// <summary>An older format whose alert states are still read (its window contents are not).</summary>
    public const int AlertsOnlyVersion = 1;
}

/// <summary>The lifecycle state of one alert series.</summary>
/// <param name="Rule">Rule name.</param>
/// <param name="Series">Series (signal) name.</param>
/// <param name="State">Pending or firing.</param>
/// <param name="ActiveSince">When the condition started to hold.</param>
/// <param name="LastActive">The last evaluation at which it held.</param>
public sealed record AlertSnapshot(string Rule, string Series, AlertState State, DateTimeOffset ActiveSince, DateTimeOffset LastActive);

/// <summary>The window contents of one series. Restored only into a series with the same layout.</summary>
/// <param name="Signal">Series name.</param>
/// <param name="Layout">A description of the buckets and counters; it changes when the rules reading the series change.</param>
/// <param name="ErrorTypes">Error types in counter order.</param>
/// <param name="Rings">Bucket rings, in layout order.</param>
/// <param name="Restaurants">Distinct-restaurant trackers, by filter key; null entries were never used.</param>
/// <param name="FirstSeen">When the series was first seen.</param>
/// <param name="LastObservation">The time of the latest observation.</param>
/// <param name="LastSuccess">The time of the latest success.</param>
/// <param name="Gauge">Gauge history, when the series has one.</param>
public sealed record SeriesSnapshot(
    string Signal,
    string Layout,
    IReadOnlyList<string> ErrorTypes,
    IReadOnlyList<RingSnapshot> Rings,
    IReadOnlyList<RestaurantTrackerSnapshot?> Restaurants,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastObservation,
    DateTimeOffset? LastSuccess,
    GaugeSnapshot? Gauge);

/// <summary>One ring of buckets.</summary>
/// <param name="WidthTicks">Bucket width.</param>
/// <param name="Starts">Absolute index of the bucket held by each slot.</param>
/// <param name="Data">Counters, slot by slot.</param>
public sealed record RingSnapshot(long WidthTicks, long[] Starts, long[] Data);

/// <summary>A distinct-restaurant tracker.</summary>
/// <param name="Hashes">Hashes of the restaurants kept exactly.</param>
/// <param name="Seen">When each was last seen, in resolution units.</param>
/// <param name="Sketch">Linear-counting slots, when the exact table overflowed.</param>
/// <param name="OverflowSeen">The last time the exact table overflowed.</param>
/// <param name="SampleNames">A few recently seen restaurant ids.</param>
/// <param name="SampleSeen">When each sample was seen.</param>
/// <param name="SampleNext">The next sample slot to write.</param>
public sealed record RestaurantTrackerSnapshot(
    ulong[] Hashes, long[] Seen, long[]? Sketch, long OverflowSeen, string?[] SampleNames, long[] SampleSeen, int SampleNext);

/// <summary>Gauge history.</summary>
/// <param name="LastAt">Time of the last value.</param>
/// <param name="Last">The last value.</param>
/// <param name="PreviousAt">Time of the value before.</param>
/// <param name="Previous">The value before.</param>
/// <param name="Starts">Bucket indexes.</param>
/// <param name="Sums">Sum of values per bucket.</param>
/// <param name="Counts">Values per bucket.</param>
public sealed record GaugeSnapshot(
    DateTimeOffset? LastAt, double Last, DateTimeOffset? PreviousAt, double Previous, long[] Starts, double[] Sums, long[] Counts);
