using System.Threading.Channels;
using Monitor.Probes.Feed.Sources;

namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// Validates a feed's files as streams: a reader cuts each file into blocks of whole lines, blocks are
/// validated in parallel, and their results are merged in order. In-flight blocks are bounded, so
/// memory is too, apart from eight-odd bytes per entity id.
/// </summary>
internal sealed class FeedValidator(TimeProvider time)
{
    public async Task<FeedReport> ValidateAsync(
        FeedSnapshot snapshot, FeedValidationSettings settings, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var staleBefore = (startedAt - settings.StaleAfter).UtcTicks;
        var tally = new FeedTally(settings.MaxSamples, settings.SamplesPerCode);
        var issues = new List<FeedFileIssue>();
        long bytes = 0;

        foreach (var file in snapshot.Files)
        {
            tally.StartFile(file.Name);
            var reader = default(FeedBlockReader);
            try
            {
                await using var stream = await file.OpenAsync(cancellationToken);
                reader = new FeedBlockReader(stream, settings.BlockSize, FeedLimits.MaxEntityBytes);
                var done = bytes;
                var readerForProgress = reader;
                await RunAsync(reader, tally, staleBefore, settings, () => progress?.Report(done + readerForProgress.BytesRead), cancellationToken);
            }
            catch (Exception e) when (e is IOException or HttpRequestException or UnauthorizedAccessException)
            {
                issues.Add(new(file.Name, "unreadable", e.Message));
            }

            var fileBytes = reader?.BytesRead ?? 0;
            bytes += fileBytes;
            if (reader is not null && fileBytes == 0)
            {
                issues.Add(new(file.Name, "empty", "the file has no content"));
            }
            else if (fileBytes > FeedLimits.MaxFileBytes)
            {
                issues.Add(new(file.Name, "file_too_large", $"{fileBytes} bytes; Google accepts at most {FeedLimits.MaxFileBytes} per file"));
            }
        }

        tally.Complete();
        long? dropped = null;
        var notes = new List<string>();
        if (settings.RestaurantSnapshotPath is { } path && issues.TrueForAll(i => i.Reason != "unreadable") && snapshot.Files.Count > 0)
        {
            try
            {
                dropped = await RestaurantSnapshotStore.CompareAndSaveAsync(path, tally.RestaurantIds(), cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The feed was still validated; only the comparison with the previous run is lost.
                notes.Add($"restaurant ids not compared or kept ({path}): {e.Message}");
            }
        }

        var types = tally.Summaries();
        var entities = types.Sum(t => t.Entities);
        return new FeedReport
        {
            Source = snapshot.Source,
            StartedAt = startedAt,
            Duration = time.GetElapsedTime(started),
            Files = snapshot.Files.Count,
            Bytes = bytes,
            Lines = tally.Lines,
            Types = types,
            StaleEntities = tally.Stale,
            StaleShare = entities == 0 ? 0 : (double)tally.Stale / entities,
            FeedTime = snapshot.FeedTime,
            FeedTimeSource = snapshot.FeedTimeSource,
            RestaurantsDropped = dropped,
            Samples = tally.Samples,
            Codes = tally.Codes(),
            FileIssues = issues,
            Notes = notes,
        };
    }

    private static async Task RunAsync(
        FeedBlockReader reader, FeedTally tally, long staleBefore, FeedValidationSettings settings, Action reportProgress,
        CancellationToken cancellationToken)
    {
        // Tasks go into the channel in block order and come out in the same order, so merging needs
        // no reordering; the channel's bound caps the blocks held in memory at once.
        var inFlight = Channel.CreateBounded<Task<BlockResult>>(Math.Max(1, settings.Parallelism) * 2);
        var maxEvidence = Math.Max(settings.MaxSamples, settings.SamplesPerCode);
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var block in reader.ReadAsync(cancellationToken))
                {
                    var work = Task.Run(() => BlockValidator.Validate(block, staleBefore, maxEvidence), CancellationToken.None);
                    await inFlight.Writer.WriteAsync(work, cancellationToken);
                }

                inFlight.Writer.Complete();
            }
            catch (Exception e)
            {
                inFlight.Writer.Complete(e);
            }
        }, CancellationToken.None);

        await foreach (var work in inFlight.Reader.ReadAllAsync(CancellationToken.None))
        {
            using var result = await work;
            tally.Merge(result);
            reportProgress();
        }

        await producer;
    }
}
