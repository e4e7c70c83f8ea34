using System.Globalization;
using Monitor.Probes.Feed.Validation;

namespace Monitor.Probes.Feed;

/// <summary>Whether a report would trip Google's own feed alerts, and which ones.</summary>
/// <param name="Reason">For a failing feed, <c>invalid</c> (error rates, file problems) or <c>stale</c> (entity or feed age).</param>
internal sealed record FeedVerdict(bool Crossed, string? Reason, IReadOnlyList<string> Breaches)
{
    public static FeedVerdict Evaluate(FeedReport report, TimeSpan? maxFeedAge = null)
    {
        var invalid = new List<string>();
        var stale = new List<string>();
        var total = report.Entities;
        foreach (var t in report.Types)
        {
            // Lines of no known type are judged against the whole feed; the rest against their own type.
            var count = t.Type == nameof(EntityType.Unknown) ? total : t.Entities;
            if (count == 0 || t.Invalid == 0)
            {
                continue;
            }

            var rate = (double)t.Invalid / count;
            if (rate > FeedLimits.ErrorRateHardLimit || (rate > FeedLimits.ErrorRateLimit && count > FeedLimits.ErrorRateMinEntities))
            {
                invalid.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{t.Type}: {t.Invalid} of {count} invalid ({rate:P1}); Google alerts above 10% with more than 100 entities, or above 20%"));
            }
        }

        foreach (var issue in report.FileIssues)
        {
            invalid.Add($"{issue.File}: {issue.Reason} ({issue.Detail})");
        }

        if (total > 0 && report.StaleShare >= FeedLimits.StaleShareLimit)
        {
            stale.Add(string.Create(CultureInfo.InvariantCulture,
                $"{report.StaleEntities} of {total} entities ({report.StaleShare:P2}) have dateModified older than the stale limit; Google alerts at 1%"));
        }

        if (maxFeedAge is { } max && report.FeedAge is { } age && age > max)
        {
            stale.Add(string.Create(CultureInfo.InvariantCulture,
                $"the feed is {age.TotalHours:F1} h old ({report.FeedTimeSource}); the limit is {max.TotalHours:F1} h"));
        }

        var breaches = invalid.Concat(stale).ToList();
        var reason = invalid.Count > 0 ? "invalid" : stale.Count > 0 ? "stale" : null;
        return new FeedVerdict(breaches.Count > 0, reason, breaches);
    }
}
