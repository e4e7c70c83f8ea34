namespace Monitor.Probes.Feed;

/// <summary>One inventory feed target (<c>monitor:targets:feeds:N</c>).</summary>
internal sealed class FeedTargetOptions
{
    /// <summary>Unique target name; also the signal its observations carry.</summary>
    public string Name { get; set; } = "";

    /// <summary>What the target watches, so its alerts join that problem's incident: <c>inventory</c> (default), <c>fulfillment</c>, <c>updates</c>, <c>google</c> or <c>none</c> (an incident of its own).</summary>
    public string Surface { get; set; } = "inventory";

    /// <summary>A local file, folder or glob, or an http(s) URL (a feed file, or a <c>sitemap.xml</c> listing feed files).</summary>
    public string Source { get; set; } = "";

    /// <summary>How often to validate. Default <c>15m</c>.</summary>
    public string Interval { get; set; } = "15m";

    /// <summary>A cron expression (Quartz syntax) used instead of the interval when set.</summary>
    public string? Cron { get; set; }

    /// <summary>Oldest acceptable feed (marker, sitemap <c>lastmod</c>, <c>Last-Modified</c> or file time). Default <c>26h</c> (Google pulls daily).</summary>
    public string MaxAge { get; set; } = "26h";

    /// <summary>Age of <c>dateModified</c> after which an entity counts as stale. Default <c>3d</c>, Google's entity-age limit.</summary>
    public string StaleAfter { get; set; } = "3d";

    /// <summary>User name for HTTP basic auth; empty for none.</summary>
    public string Username { get; set; } = "";

    /// <summary>Password for HTTP basic auth. A secret: never logged.</summary>
    public string Password { get; set; } = "";

    /// <summary>How many sample errors (line, field, reason) a run keeps as evidence. Default 20.</summary>
    public int MaxSampleErrors { get; set; } = 20;

    /// <summary>Whole-run timeout, for example <c>10m</c>. Default <c>30m</c>.</summary>
    public string Timeout { get; set; } = "30m";
}
