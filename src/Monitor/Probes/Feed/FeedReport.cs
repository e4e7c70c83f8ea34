namespace Monitor.Probes.Feed;

/// <summary>The result of validating one feed: what the rules, the metrics and the command line read.</summary>
internal sealed record FeedReport
{
    public required string Source { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required TimeSpan Duration { get; init; }

    public required int Files { get; init; }

    public required long Bytes { get; init; }

    public required long Lines { get; init; }

    /// <summary>Per entity type, in schema order; <c>Unknown</c> holds lines whose type could not be told.</summary>
    public required IReadOnlyList<FeedTypeSummary> Types { get; init; }

    /// <summary>Entities whose <c>dateModified</c> is older than the stale limit.</summary>
    public required long StaleEntities { get; init; }

    /// <summary><see cref="StaleEntities"/> over all entities; 0 for an empty feed.</summary>
    public required double StaleShare { get; init; }

    /// <summary>When the feed was published (marker, sitemap, Last-Modified or file time), if known.</summary>
    public DateTimeOffset? FeedTime { get; init; }

    /// <summary>How the feed time was found: <c>marker</c>, <c>sitemap</c>, <c>last-modified</c>, <c>mtime</c>.</summary>
    public string? FeedTimeSource { get; init; }

    public TimeSpan? FeedAge => FeedTime is { } t ? StartedAt - t : null;

    /// <summary>Restaurants in the previous run that are missing now; null when there was no previous run.</summary>
    public long? RestaurantsDropped { get; init; }

    public required IReadOnlyList<FeedSampleError> Samples { get; init; }

    /// <summary>Problems with whole files (over 200 MB, empty, unreadable).</summary>
    public required IReadOnlyList<FeedFileIssue> FileIssues { get; init; }

    /// <summary>Problems of the run itself that say nothing about the feed (state not saved...).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public long Entities => Types.Sum(t => t.Entities);

    public long Invalid => Types.Sum(t => t.Invalid);
}

/// <summary>Counts for one entity type.</summary>
internal sealed record FeedTypeSummary(string Type, long Entities, long Invalid, IReadOnlyDictionary<string, long> InvalidByReason)
{
    public double ErrorRate => Entities == 0 ? 0 : (double)Invalid / Entities;
}

/// <summary>One bad entity as evidence: where, what and why.</summary>
internal sealed record FeedSampleError(string File, long Line, string Type, string Reason, string? Field, string? Excerpt);

/// <summary>A problem with a whole file.</summary>
internal sealed record FeedFileIssue(string File, string Reason, string Detail);
