namespace Monitor.Probes.Feed.Validation;

/// <summary>Google's published limits on an Ordering End-to-End feed, and the alert thresholds built on them.</summary>
internal static class FeedLimits
{
    /// <summary>Longest <c>@id</c>, in characters.</summary>
    public const int MaxIdChars = 300;

    /// <summary>Largest data file Google accepts.</summary>
    public const long MaxFileBytes = 200L * 1024 * 1024;

    /// <summary>Largest top-level entity with its children; no single line may exceed it either.</summary>
    public const int MaxEntityBytes = 4 * 1024 * 1024;

    /// <summary>Entities whose <c>dateModified</c> is older than this are stale in Google's entity-age alert.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(3);

    /// <summary>Share of stale entities at which Google's entity-age alert fires.</summary>
    public const double StaleShareLimit = 0.01;

    /// <summary>Per-type error rate that fires when the type has more than <see cref="ErrorRateMinEntities"/> entities.</summary>
    public const double ErrorRateLimit = 0.10;

    /// <summary>Entity count above which <see cref="ErrorRateLimit"/> applies.</summary>
    public const long ErrorRateMinEntities = 100;

    /// <summary>Per-type error rate that fires whatever the count.</summary>
    public const double ErrorRateHardLimit = 0.20;
}
