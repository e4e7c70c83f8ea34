namespace Monitor.Alerting;

/// <summary>One alert rule (<c>monitor:rules:N</c>).</summary>
internal sealed class RuleOptions
{
    /// <summary>Unique rule name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The signal the rule reads: a target name, or an ingested action such as <c>checkout</c>.</summary>
    public string Signal { get; set; } = "";

    /// <summary>The rule kind. Default <c>error-ratio</c>.</summary>
    public string Kind { get; set; } = "error-ratio";

    /// <summary>Window length. Default <c>5m</c>.</summary>
    public string Window { get; set; } = "5m";

    /// <summary>Error-ratio threshold in [0, 1]. Default 0.5.</summary>
    public double Threshold { get; set; } = 0.5;

    /// <summary>Fewest observations in the window for the rule to judge. Default 1.</summary>
    public long MinSamples { get; set; } = 1;

    /// <summary>Fewest counted failures. Default 1.</summary>
    public long MinErrors { get; set; } = 1;

    /// <summary>Fewest distinct restaurants among failures. Default 0.</summary>
    public int MinDistinctRestaurants { get; set; }

    /// <summary>Only failures with these error types count. Default: all.</summary>
    public List<string> IncludeErrorTypes { get; set; } = [];

    /// <summary>Failures with these error types do not count. Default: none.</summary>
    public List<string> ExcludeErrorTypes { get; set; } = [];

    /// <summary>How long the condition must hold before firing. Default <c>0s</c>.</summary>
    public string For { get; set; } = "0s";

    /// <summary>How long to keep firing after the condition clears. Default <c>0s</c>.</summary>
    public string KeepFiringFor { get; set; } = "0s";

    /// <summary><c>critical</c>, <c>major</c>, <c>minor</c> or <c>info</c>. Default <c>major</c>.</summary>
    public string Severity { get; set; } = "major";

    /// <summary>Support category. Default <c>none</c>.</summary>
    public string Category { get; set; } = "none";
}
