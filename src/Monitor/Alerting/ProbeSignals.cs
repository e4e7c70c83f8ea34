using Monitor.Probes;
using Monitor.Probes.Feed;
using Monitor.Probes.Http;
using Monitor.Rules.Definitions;
using Monitor.Rules.Locations;

namespace Monitor.Alerting;

/// <summary>
/// Turns a probe result into rule inputs: the run itself as an observation of the target's signal and,
/// for feeds, the figures of the validation under the signal names the feed presets read:
/// <c>feed:TYPE</c> (one observation per entity, failing when invalid; and as a gauge, the invalid share
/// of the type in the latest complete runs), <c>feed-age</c> (one per entity, failing when stale; as a
/// gauge, the stale share of the latest complete runs), <c>feed-count:TYPE</c> (entity count gauge) and
/// <c>feed-updated</c> (the feed's own time as a Unix-seconds gauge). Several feed targets add up, as
/// Google sees one inventory. A feed run that could not be read sets the target's own signal's gauge to 1
/// (0 after a readable run) and leaves every feed figure as the last complete run left it.
/// An https target's certificate adds <c>tls:TARGET</c>, its days left as a gauge.
/// </summary>
internal static class ProbeSignals
{
    /// <summary>Days left on an https target's certificate, as a gauge: <c>tls:TARGET</c>.</summary>
    public const string TlsPrefix = "tls:";

    public static void Record(AlertEvaluator evaluator, ProbeResult result)
    {
        var observation = result.ToObservation();
        evaluator.Record(observation);
        if (!result.Success)
        {
            var detail = result.StatusCode is { } status ? $"HTTP {status}: {result.Detail}" : result.Detail;
            evaluator.Samples.Add(observation, detail);
        }

        if (result.Gauges.TryGetValue(HttpProbe.CertExpiryGauge, out var certificateLeft))
        {
            evaluator.RecordGauge(TlsPrefix + result.Target, result.StartedAt + result.Duration, certificateLeft / 86_400);
        }

        if (result.Kind == "feed")
        {
            var at = result.StartedAt + result.Duration;
            var readable = IsReadable(result);
            evaluator.RecordGauge(result.Target, at, readable ? 0 : 1);
            if (readable)
            {
                RecordFeed(evaluator, result.Gauges, at, name => name);
                RecordLatestRun(evaluator, evaluator.FeedRuns.Complete(result.Target, result.Gauges), at);
            }
        }
    }

    /// <summary>
    /// A result's figures as seen from one location (an agent's, or this daemon's own once agents are configured):
    /// the certificate as <c>tls:TARGET@LOCATION</c> and a readable feed run's figures under the feed signals qualified
    /// the same way (<c>feed:TYPE@LOCATION</c>, <c>feed-count:TYPE@LOCATION</c>, <c>feed-age@LOCATION</c>,
    /// <c>feed-updated@LOCATION</c>), for a quorum rule on the plain signal or a rule on one location. The run's own
    /// observation is the caller's.
    /// </summary>
    public static void RecordAtLocation(AlertEvaluator evaluator, ProbeResult result, string location)
    {
        var at = result.StartedAt + result.Duration;
        if (result.Gauges.TryGetValue(HttpProbe.CertExpiryGauge, out var certificateLeft))
        {
            evaluator.RecordGauge(LocationSignals.Qualify(TlsPrefix + result.Target, location), at, certificateLeft / 86_400);
        }

        if (result.Kind == "feed" && IsReadable(result))
        {
            RecordFeed(evaluator, result.Gauges, at, name => LocationSignals.Qualify(name, location));
        }
    }

    /// <summary>Failure reasons of a feed run that read nothing to judge; see <see cref="FeedProbe"/>.</summary>
    public static readonly IReadOnlySet<string> UnreadableReasons =
        new HashSet<string>(["missing", "unreachable", "unauthorized", "timeout"], StringComparer.Ordinal);

    private static bool IsReadable(ProbeResult result) => result.Reason is null || !UnreadableReasons.Contains(result.Reason);

    private static void RecordLatestRun(AlertEvaluator evaluator, FeedRuns.Totals totals, DateTimeOffset at)
    {
        foreach (var (type, share) in totals.InvalidShare)
        {
            evaluator.RecordGauge(FeedSignals.Entities(type), at, share);
        }

        evaluator.RecordGauge(FeedSignals.Age, at, totals.StaleShare);
    }

    private static void RecordFeed(AlertEvaluator evaluator, IReadOnlyDictionary<string, double> gauges, DateTimeOffset at, Func<string, string> name)
    {
        foreach (var (key, value) in gauges)
        {
            if (!key.StartsWith(FeedGauges.EntitiesPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var type = key[FeedGauges.EntitiesPrefix.Length..];
            var total = (long)value;
            var invalid = Math.Min(total, (long)gauges.GetValueOrDefault(FeedGauges.InvalidPrefix + type));
            evaluator.RecordCounts(name(FeedSignals.Entities(type)), at, total - invalid, invalid, "INVALID");
            evaluator.RecordGauge(name(FeedSignals.Count(type)), at, total);
        }

        if (gauges.TryGetValue(FeedGauges.EntitiesTotal, out var entities) && gauges.TryGetValue(FeedGauges.StaleEntities, out var stale))
        {
            var staleCount = Math.Min((long)entities, (long)stale);
            evaluator.RecordCounts(name(FeedSignals.Age), at, (long)entities - staleCount, staleCount, FeedSignals.Stale);
        }

        if (gauges.TryGetValue(FeedGauges.FeedAgeSeconds, out var age))
        {
            evaluator.RecordGauge(name(FeedSignals.Updated), at, Math.Floor(at.ToUnixTimeMilliseconds() / 1000.0 - age));
        }
    }

    /// <summary>Signals that exist when at least one feed target is configured.</summary>
    public static IEnumerable<string> FeedSignalNames(IEnumerable<string> entityTypes) =>
        entityTypes.SelectMany(t => new[] { FeedSignals.Entities(t), FeedSignals.Count(t) })
            .Append(FeedSignals.Age).Append(FeedSignals.Updated);
}
