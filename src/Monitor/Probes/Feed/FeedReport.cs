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

    /// <summary>The first errors of the run, in line order, whatever their code (warnings are left out).</summary>
    public required IReadOnlyList<FeedSampleError> Samples { get; init; }

    /// <summary>Every code found, errors first, with its count and its first samples.</summary>
    public IReadOnlyList<FeedCodeSummary> Codes { get; init; } = [];

    /// <summary>Problems with whole files (over 200 MB, empty, unreadable).</summary>
    public required IReadOnlyList<FeedFileIssue> FileIssues { get; init; }

    /// <summary>Problems of the run itself that say nothing about the feed (state not saved...).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public long Entities => Types.Sum(t => t.Entities);

    public long Invalid => Types.Sum(t => t.Invalid);

    /// <summary>Entities with warnings (unknown properties) only or beside errors.</summary>
    public long Warned => Types.Sum(t => t.Warned);
}

/// <summary>Counts for one entity type.</summary>
/// <param name="Type">The entity type.</param>
/// <param name="Entities">Entities of the type.</param>
/// <param name="Invalid">Entities with at least one error; the basis of Google's feed entity error rate.</param>
/// <param name="InvalidByReason">Per error code, the entities with that error; one entity with several codes counts under each.</param>
internal sealed record FeedTypeSummary(string Type, long Entities, long Invalid, IReadOnlyDictionary<string, long> InvalidByReason)
{
    public double ErrorRate => Entities == 0 ? 0 : (double)Invalid / Entities;

    /// <summary>Entities with at least one warning.</summary>
    public long Warned { get; init; }

    /// <summary>Per warning code, the entities with that warning.</summary>
    public IReadOnlyDictionary<string, long> WarningsByCode { get; init; } = new Dictionary<string, long>();
}

/// <summary>One problem as evidence: where, what and why.</summary>
/// <param name="File">The file.</param>
/// <param name="Line">The line, from 1.</param>
/// <param name="Type">The entity type.</param>
/// <param name="Reason">The code, such as <c>bad_enum</c>.</param>
/// <param name="Field">The property path, such as <c>feeType</c> or <c>menuId</c>; null for the whole line.</param>
/// <param name="Excerpt">The start of the line.</param>
internal sealed record FeedSampleError(string File, long Line, string Type, string Reason, string? Field, string? Excerpt)
{
    /// <summary>The entity's <c>@id</c> as written, when it has one.</summary>
    public string? Id { get; init; }
}

/// <summary>One code of a run: how often it occurred and its first samples.</summary>
internal sealed record FeedCodeSummary(string Code, bool Warning, long Count, string Description, IReadOnlyList<FeedSampleError> Samples);

/// <summary>A problem with a whole file.</summary>
internal sealed record FeedFileIssue(string File, string Reason, string Detail);
