namespace Monitor.Probes.Feed;

/// <summary>One inventory feed target (<c>monitor:targets:feeds:N</c>).</summary>
internal sealed class FeedTargetOptions
{
    /// <summary>Unique target name; also the signal its observations carry.</summary>
    public string Name { get; set; } = "";

    /// <summary>A local file, folder or glob, or an https URL.</summary>
    public string Source { get; set; } = "";

    /// <summary>How often to validate. Default <c>15m</c>.</summary>
    public string Interval { get; set; } = "15m";

    /// <summary>A cron expression (Quartz syntax) used instead of the interval when set.</summary>
    public string? Cron { get; set; }

    /// <summary>Oldest acceptable feed. Default <c>26h</c> (Google pulls daily).</summary>
    public string MaxAge { get; set; } = "26h";
}
