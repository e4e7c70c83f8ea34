namespace Monitor.Probes.Feed;

/// <summary>
/// The figures a feed run hands to metrics and rules, as <see cref="ProbeResult.Gauges"/>. Keys are
/// bounded: one per entity type and per error reason, never per id or file.
/// </summary>
internal static class FeedGauges
{
    /// <summary>Entities of one type: the key is this prefix and the type.</summary>
    public const string EntitiesPrefix = "entities:";

    /// <summary>Invalid entities of one type: the key is this prefix and the type.</summary>
    public const string InvalidPrefix = "invalid:";

    public const string EntitiesTotal = "entities_total";

    public const string StaleEntities = "stale_entities";

    public const string StaleShare = "stale_share";

    public const string Bytes = "bytes";

    public const string DurationSeconds = "duration_seconds";

    /// <summary>Seconds between the feed's publication (marker, sitemap, Last-Modified) and the start of the run; absent when unknown.</summary>
    public const string FeedAgeSeconds = "feed_age_seconds";

    /// <summary>Restaurants in the previous validated feed missing from this one; absent on a first run.</summary>
    public const string RestaurantsDropped = "restaurants_dropped";

    public static Dictionary<string, double> From(FeedReport report)
    {
        var g = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var t in report.Types)
        {
            g[EntitiesPrefix + t.Type] = t.Entities;
            g[InvalidPrefix + t.Type] = t.Invalid;
            g[$"error_ratio:{t.Type}"] = t.ErrorRate;
            foreach (var (reason, count) in t.InvalidByReason)
            {
                g[$"invalid_reason:{reason}"] = g.GetValueOrDefault($"invalid_reason:{reason}") + count;
            }
        }

        g[EntitiesTotal] = report.Entities;
        g["invalid_total"] = report.Invalid;
        g[StaleEntities] = report.StaleEntities;
        g[StaleShare] = report.StaleShare;
        g[Bytes] = report.Bytes;
        g["lines"] = report.Lines;
        g["files"] = report.Files;
        g["file_issues"] = report.FileIssues.Count;
        g[DurationSeconds] = report.Duration.TotalSeconds;
        if (report.FeedAge is { } age)
        {
            g[FeedAgeSeconds] = age.TotalSeconds;
        }

        if (report.RestaurantsDropped is { } dropped)
        {
            g[RestaurantsDropped] = dropped;
        }

        return g;
    }
}
