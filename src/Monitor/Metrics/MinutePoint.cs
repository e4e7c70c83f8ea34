namespace Monitor.Metrics;

/// <summary>What one signal did during one minute: the unit of the status page's charts.</summary>
/// <param name="Minute">Start of the minute (UTC).</param>
/// <param name="Samples">Observations in the minute.</param>
/// <param name="Failures">Failed observations in the minute.</param>
/// <param name="LatencySumSeconds">Sum of the observations' latencies.</param>
/// <param name="LatencyMaxSeconds">Largest latency in the minute.</param>
internal readonly record struct MinutePoint(DateTimeOffset Minute, long Samples, long Failures, double LatencySumSeconds, double LatencyMaxSeconds)
{
    /// <summary>Failures over samples; zero for an empty minute.</summary>
    public double ErrorRatio => Samples == 0 ? 0 : (double)Failures / Samples;

    /// <summary>Mean latency of the minute in seconds; zero for an empty minute.</summary>
    public double MeanLatencySeconds => Samples == 0 ? 0 : LatencySumSeconds / Samples;
}
