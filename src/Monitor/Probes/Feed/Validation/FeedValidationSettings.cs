namespace Monitor.Probes.Feed.Validation;

/// <summary>How one validation run behaves.</summary>
internal sealed record FeedValidationSettings
{
    /// <summary>Age of <c>dateModified</c> after which an entity is stale. Default 3 days.</summary>
    public TimeSpan StaleAfter { get; init; } = FeedLimits.StaleAfter;

    /// <summary>Sample errors kept. Default 20.</summary>
    public int MaxSamples { get; init; } = 20;

    /// <summary>Samples kept for each code in the grouped report. Default 3.</summary>
    public int SamplesPerCode { get; init; } = 3;

    /// <summary>Bytes handed to a worker at a time. Default 1 MiB.</summary>
    public int BlockSize { get; init; } = 1 << 20;

    /// <summary>Blocks validated at once. Default: one per processor.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>File holding the previous run's restaurant id hashes; null to skip drop detection.</summary>
    public string? RestaurantSnapshotPath { get; init; }
}
