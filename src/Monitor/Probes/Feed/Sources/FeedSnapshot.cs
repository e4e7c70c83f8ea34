namespace Monitor.Probes.Feed.Sources;

/// <summary>One data file of a feed, opened only when the validator reaches it.</summary>
/// <param name="Name">Path or URL, for reports.</param>
/// <param name="OpenAsync">Opens the file as a stream that is read once, front to back.</param>
internal sealed record FeedFile(string Name, Func<CancellationToken, Task<Stream>> OpenAsync);

/// <summary>The files of a feed and when the feed was published, as far as the source tells.</summary>
internal sealed record FeedSnapshot(string Source, IReadOnlyList<FeedFile> Files, DateTimeOffset? FeedTime, string? FeedTimeSource);
