using Monitor.Alerting;

namespace Monitor.RuleTesting;

/// <summary>A rule test file, as read from YAML (keys in camelCase like the rest of the configuration).</summary>
internal sealed class RuleTestFile
{
    /// <summary>Rule files to load, relative to the test file; each holds a <c>rules:</c> list (or <c>monitor:rules:</c>).</summary>
    public List<string> RuleFiles { get; set; } = [];

    /// <summary>Rules written in the test file itself.</summary>
    public List<RuleOptions> Rules { get; set; } = [];

    /// <summary>Bucket width of the windows. Default <c>1s</c>.</summary>
    public string Resolution { get; set; } = "1s";

    /// <summary>The test cases.</summary>
    public List<RuleTestCase> Tests { get; set; } = [];
}

/// <summary>One test case: input series and the alerts expected at given times.</summary>
internal sealed class RuleTestCase
{
    public string Name { get; set; } = "";

    /// <summary>Time between two steps of the input series; rules are evaluated at every step. Default <c>1m</c>.</summary>
    public string Interval { get; set; } = "1m";

    public List<InputSeries> InputSeries { get; set; } = [];

    public List<AlertExpectation> Alerts { get; set; } = [];
}

/// <summary>
/// One input series. For observations: <see cref="Ok"/> and <see cref="Failed"/> are counts per step;
/// failures carry <see cref="ErrorType"/> and are spread round-robin over <see cref="Restaurants"/>
/// restaurants (none by default, as for feed entity counts). For a gauge: <see cref="Values"/>, one value per step.
/// </summary>
internal sealed class InputSeries
{
    public string Signal { get; set; } = "";

    public string? Ok { get; set; }

    public string? Failed { get; set; }

    /// <summary>
    /// The failures' error type. Written in capitals (<c>NO_CAPACITY</c>, <c>PAYMENT_DECLINED</c>) it is a business
    /// error type; in lower case (<c>http_500</c>, <c>timeout</c>) it is the failure reason of an infrastructure
    /// error, with no business error type, as ingest records a 500 or a timeout.
    /// </summary>
    public string? ErrorType { get; set; }

    /// <summary>How many distinct restaurants the failures come from. Default 0: failures name no restaurant.</summary>
    public int Restaurants { get; set; }

    /// <summary>Latency of every observation in a step, in milliseconds.</summary>
    public string? LatencyMs { get; set; }

    /// <summary>Gauge values per step.</summary>
    public string? Values { get; set; }
}

/// <summary>The alerts expected to be firing at a time (counted from the start of the test).</summary>
internal sealed class AlertExpectation
{
    public string At { get; set; } = "";

    /// <summary>Every alert firing at that time: a rule name, or <c>rule{series}</c> when the series is not the rule's own signal.</summary>
    public List<string> Firing { get; set; } = [];
}
