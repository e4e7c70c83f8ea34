namespace Monitor.Probes.Feed;

/// <summary>
/// The figures a feed run hands to metrics and rules, as <see cref="ProbeResult.Gauges"/>. Keys are
/// bounded: one per entity type and per error reason, never per id or file.
/// </summary>
internal static class FeedGauges
{
    public static Dictionary<string, double> From(FeedReport report)
    {
        var g = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var t in report.Types)
        {
            g[$"entities:{t.Type}"] = t.Entities;
            g[$"invalid:{t.Type}"] = t.Invalid;
            g[$"error_ratio:{t.Type}"] = t.ErrorRate;
            foreach (var (reason, count) in t.InvalidByReason)
            {
                g[$"invalid_reason:{reason}"] = g.GetValueOrDefault($"invalid_reason:{reason}") + count;
            }
        }

        g["entities_total"] = report.Entities;
        g["invalid_total"] = report.Invalid;
        g["stale_entities"] = report.StaleEntities;
        g["stale_share"] = report.StaleShare;
        g["bytes"] = report.Bytes;
        g["lines"] = report.Lines;
        g["files"] = report.Files;
        g["file_issues"] = report.FileIssues.Count;
        g["duration_seconds"] = report.Duration.TotalSeconds;
        if (report.FeedAge is { } age)
        {
            g["feed_age_seconds"] = age.TotalSeconds;
        }

        if (report.RestaurantsDropped is { } dropped)
        {
            g["restaurants_dropped"] = dropped;
        }

        return g;
    }
}
