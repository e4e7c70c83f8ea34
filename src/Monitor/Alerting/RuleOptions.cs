namespace Monitor.Alerting;

/// <summary>
/// One alert rule (<c>monitor:rules:N</c>). <see cref="Kind"/> selects which of the other settings apply;
/// <see cref="Preset"/> takes a ready-made rule instead. Durations are written <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>3d</c>.
/// </summary>
internal sealed class RuleOptions
{
    /// <summary>Unique rule name. Required unless <see cref="Preset"/> is set (the preset's name is the default).</summary>
    public string Name { get; set; } = "";

    /// <summary>
    /// A preset name (<c>checkout-errors</c>, <c>submit-order-errors</c>, <c>payment-declined</c>,
    /// <c>feed-entity-errors</c>, <c>entity-age</c>, ...): when set, only <see cref="Name"/> and
    /// <see cref="Signal"/> are read. Default: none.
    /// </summary>
    public string? Preset { get; set; }

    /// <summary>The signal the rule reads: a target name, an ingested action such as <c>checkout</c>, or a prefix ending in <c>*</c>.</summary>
    public string Signal { get; set; } = "";

    /// <summary>
    /// The rule kind: <c>error-ratio</c> (default), <c>burn-rate</c>, <c>spike</c>, <c>latency</c>,
    /// <c>freshness</c>, <c>count-drop</c> or <c>absence</c>.
    /// </summary>
    public string Kind { get; set; } = "error-ratio";

    /// <summary>Window length (error-ratio, spike, latency, absence). Default <c>5m</c>.</summary>
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

    /// <summary>
    /// error-ratio, burn-rate and spike: which failures count. <c>any</c> (default); <c>infrastructure</c>: only
    /// failures without a business error type (non-200 answers, timeouts, connection failures); <c>business</c>:
    /// only failures with one (<c>CLOSED</c>, <c>NO_CAPACITY</c>, <c>PAYMENT_DECLINED</c>...).
    /// </summary>
    public string ErrorClass { get; set; } = "any";

    /// <summary>burn-rate: the availability objective in (0, 1). Default 0.999.</summary>
    public double Objective { get; set; } = 0.999;

    /// <summary>burn-rate: <c>page</c> (14.4x over 1h and 5m, 6x over 6h and 30m; default) or <c>ticket</c> (1x over 3d and 6h).</summary>
    public string Burn { get; set; } = "page";

    /// <summary>spike and absence: the window before the current one that sets the normal level. Default <c>1h</c>.</summary>
    public string BaselineWindow { get; set; } = "1h";

    /// <summary>spike: how many times the baseline ratio. Default 3.</summary>
    public double Factor { get; set; } = 3;

    /// <summary>spike: smallest rise of the ratio above the baseline, in [0, 1]. Default 0.05.</summary>
    public double MinDelta { get; set; } = 0.05;

    /// <summary>latency: the quantile in (0, 1]. Default 0.99.</summary>
    public double Quantile { get; set; } = 0.99;

    /// <summary>latency: the limit. Default <c>2s</c>.</summary>
    public string Limit { get; set; } = "2s";

    /// <summary>freshness: the largest acceptable age. Default <c>15m</c>.</summary>
    public string MaxAge { get; set; } = "15m";

    /// <summary>freshness: <c>last-success</c> (default) or <c>gauge-timestamp</c> (a gauge holding a Unix time in seconds).</summary>
    public string Source { get; set; } = "last-success";

    /// <summary>count-drop: the share of the reference the gauge must fall by, in (0, 1]. Default 0.2.</summary>
    public double DropShare { get; set; } = 0.2;

    /// <summary>count-drop: <c>previous</c> value (default) or <c>baseline</c> (mean over <see cref="BaselineWindow"/>).</summary>
    public string Against { get; set; } = "previous";

    /// <summary>absence: traffic at or below this share of the baseline rate fires, in [0, 1]. Default 0.1.</summary>
    public double MinShare { get; set; } = 0.1;

    /// <summary>absence: fewest observations in the baseline for the rule to judge. Default 10.</summary>
    public long MinBaselineSamples { get; set; } = 10;

    /// <summary>gauge: active when the last value is below this (for example <c>tls:checkout</c> days left below 14). Default: none.</summary>
    public double? Below { get; set; }

    /// <summary>gauge: active when the last value is above this. Default: none.</summary>
    public double? Above { get; set; }

    /// <summary>gauge: what the value counts, shown in messages (for example <c>days</c>). Default: none.</summary>
    public string Unit { get; set; } = "";

    /// <summary>
    /// Quorum (rules on a probe target): the fewest locations that must see the failure at the same time.
    /// A failure from fewer gives a major "unreachable from LOCATION" alert instead. Default: none.
    /// </summary>
    public int? MinLocations { get; set; }

    /// <summary>Quorum (rules on a probe target): the smallest share of fresh locations that must see the failure, in (0, 1]. Default: none.</summary>
    public double? LocationShare { get; set; }

    /// <summary>How long the condition must hold before firing. Default <c>0s</c>.</summary>
    public string For { get; set; } = "0s";

    /// <summary>How long to keep firing after the condition clears. Default <c>0s</c>.</summary>
    public string KeepFiringFor { get; set; } = "0s";

    /// <summary>
    /// What a firing alert does when its window holds nothing to judge (after a restart, or when the traffic stopped):
    /// <c>keep</c> firing until figures show the recovery (default), or <c>resolve</c> after <c>keepFiringFor</c>.
    /// </summary>
    public string NoData { get; set; } = "keep";

    /// <summary><c>critical</c>, <c>major</c>, <c>minor</c> or <c>info</c>. Default <c>major</c>.</summary>
    public string Severity { get; set; } = "major";

    /// <summary>Support category. Default <c>none</c>.</summary>
    public string Category { get; set; } = "none";

    /// <summary>
    /// Prometheus-style annotations shown in every message and case of the rule: <c>summary</c>, <c>description</c>,
    /// <c>runbook_url</c> (any other key is shown too). Default none.
    /// </summary>
    public Dictionary<string, string> Annotations { get; set; } = [];
}
