using System.Text.Json;
using Monitor.Probes;
using Monitor.Probes.Feed;
using Monitor.Probes.Feed.Validation;
using Monitor.Probes.Http;

namespace Monitor.Ingest.Agents;

/// <summary>
/// The figures an agent's result may carry besides success (<c>gauges</c>, optional, an object of numbers): for an
/// https target the certificate's seconds left (<c>tls_cert_expiry_seconds</c>); for a feed target the counts the
/// feed probe produces (<c>entities:TYPE</c>, <c>invalid:TYPE</c>, <c>entities_total</c>, <c>stale_entities</c>) and
/// <c>feed_age_seconds</c>. Only these travel and are read. Keys the central does not know are ignored (a newer
/// agent's); a known key with a bad value, or on the other kind of target, refuses the result.
/// </summary>
internal static class AgentGauges
{
    /// <summary>Most entries in one result's <c>gauges</c>.</summary>
    public const int MaxEntries = 200;

    private static readonly HashSet<string> Types = new(Enum.GetNames<EntityType>(), StringComparer.Ordinal);

    /// <summary>The kind of target a key belongs to (<c>http</c> or <c>feed</c>), or null for a key the central does not read.</summary>
    public static string? KindOf(string key)
    {
        if (key == HttpProbe.CertExpiryGauge)
        {
            return "http";
        }

        if (key is FeedGauges.EntitiesTotal or FeedGauges.StaleEntities or FeedGauges.FeedAgeSeconds)
        {
            return "feed";
        }

        var type = key.StartsWith(FeedGauges.EntitiesPrefix, StringComparison.Ordinal) ? key[FeedGauges.EntitiesPrefix.Length..]
            : key.StartsWith(FeedGauges.InvalidPrefix, StringComparison.Ordinal) ? key[FeedGauges.InvalidPrefix.Length..]
            : null;
        return type is not null && Types.Contains(type) ? "feed" : null;
    }

    /// <summary>The figures of a result worth sending (those the central reads), or null when there are none.</summary>
    public static Dictionary<string, double>? ToSend(ProbeResult result)
    {
        var sent = result.Gauges.Where(g => KindOf(g.Key) == result.Kind && double.IsFinite(g.Value)).ToDictionary(StringComparer.Ordinal);
        return sent.Count == 0 ? null : sent;
    }

    /// <summary>Reads a result's <c>gauges</c> for a target of <paramref name="kind"/>; returns the problem, or null.</summary>
    public static string? TryRead(JsonElement item, string kind, string target, out Dictionary<string, double> gauges)
    {
        gauges = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!item.TryGetProperty("gauges", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return "'gauges' must be an object of numbers";
        }

        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (++count > MaxEntries)
            {
                return $"'gauges' has more than {MaxEntries} entries";
            }

            var key = property.Name;
            if (KindOf(key) is not { } owner)
            {
                continue;
            }

            if (owner != kind)
            {
                return $"'gauges.{key}' is a figure of {Article(owner)} target; '{target}' is {Article(kind)} target";
            }

            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                return $"'gauges.{key}' must be a finite number";
            }

            if (IsCount(key) && (value < 0 || value > 1e12 || Math.Floor(value) != value))
            {
                return $"'gauges.{key}' is a count: a whole number between 0 and 1000000000000";
            }

            gauges[key] = value;
        }

        return null;
    }

    private static string Article(string kind) => (kind == "http" ? "an " : "a ") + kind;

    private static bool IsCount(string key) => key is FeedGauges.EntitiesTotal or FeedGauges.StaleEntities
        || key.StartsWith(FeedGauges.EntitiesPrefix, StringComparison.Ordinal) || key.StartsWith(FeedGauges.InvalidPrefix, StringComparison.Ordinal);
}
