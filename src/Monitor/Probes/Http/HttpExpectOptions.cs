namespace Monitor.Probes.Http;

/// <summary>Assertions on an HTTP answer (<c>monitor:targets:http:N:expect</c>), checked in the order listed here.</summary>
internal sealed class HttpExpectOptions
{
    /// <summary>Accepted status codes. Default <c>[200]</c>.</summary>
    public List<int> Status { get; set; } = [];

    /// <summary>Slowest accepted answer, body included, for example <c>2s</c>. Default: none.</summary>
    public string? MaxLatency { get; set; }

    /// <summary>Fewest days the server certificate (or any in its chain) must still be valid; https only. Default: none.</summary>
    public double? MinCertDays { get; set; }

    /// <summary>Answer headers: name to a regular expression the value must match (case-insensitive). Default: none.</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>A string the body must contain (ordinal). Default: none.</summary>
    public string? BodyContains { get; set; }

    /// <summary>A regular expression the body must match. Default: none.</summary>
    public string? BodyRegex { get; set; }

    /// <summary>Checks on a JSON body, each a path such as <c>$.a.b[0].c</c> that must exist or equal a value. Default: none.</summary>
    public List<JsonCheckOptions> Json { get; set; } = [];

    /// <summary>
    /// <c>foodOrderErrors[].error</c> types of a FoodErrorExtension that do not fail the probe (for example a sandbox
    /// that always answers <c>NO_CAPACITY</c>). Any other type fails with reason <c>body</c>. Default: none allowed.
    /// </summary>
    public List<string> AllowedFoodErrors { get; set; } = [];
}
