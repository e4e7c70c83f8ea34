namespace Monitor.Probes.Feed.Sources;

/// <summary>The feed could not be found or fetched at all; <see cref="Reason"/> is the probe's failure reason.</summary>
internal sealed class FeedSourceException(string reason, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary><c>missing</c>, <c>unreachable</c> or <c>unauthorized</c>.</summary>
    public string Reason { get; } = reason;
}
