namespace Monitor.Rules.Windows;

/// <summary>Samples and counted failures over a window.</summary>
internal readonly record struct WindowCounts(long Samples, long Failures)
{
    /// <summary>Failures over samples; zero for an empty window.</summary>
    public double Ratio => Samples == 0 ? 0 : (double)Failures / Samples;
}
