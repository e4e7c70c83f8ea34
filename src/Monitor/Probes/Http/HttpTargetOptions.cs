namespace Monitor.Probes.Http;

/// <summary>One HTTP target (<c>monitor:targets:http:N</c>).</summary>
internal sealed class HttpTargetOptions
{
    /// <summary>Unique target name; also the signal its observations carry.</summary>
    public string Name { get; set; } = "";

    /// <summary>Absolute http or https URL.</summary>
    public string Url { get; set; } = "";

    /// <summary>HTTP method. Default <c>GET</c>.</summary>
    public string Method { get; set; } = "GET";

    /// <summary>Inline request body.</summary>
    public string? Body { get; set; }

    /// <summary>File holding the request body, relative to the config file.</summary>
    public string? BodyFile { get; set; }

    /// <summary>Request headers. Values of the form <c>${env:NAME}</c> or <c>${file:PATH}</c> are read at run time.</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>How often to probe. Default <c>30s</c>.</summary>
    public string Interval { get; set; } = "30s";

    /// <summary>A cron expression (Quartz syntax) used instead of the interval when set.</summary>
    public string? Cron { get; set; }

    /// <summary>Per-attempt timeout. Default <c>10s</c>.</summary>
    public string Timeout { get; set; } = "10s";

    /// <summary>What the answer must look like.</summary>
    public HttpExpectOptions Expect { get; set; } = new();
}

/// <summary>Assertions on an HTTP answer (<c>monitor:targets:http:N:expect</c>).</summary>
internal sealed class HttpExpectOptions
{
    /// <summary>Accepted status codes. Default <c>[200]</c>.</summary>
    public List<int> Status { get; set; } = [];

    /// <summary>Slowest accepted answer, for example <c>2s</c>. Default: none.</summary>
    public string? MaxLatency { get; set; }

    /// <summary>A string the body must contain. Default: none.</summary>
    public string? BodyContains { get; set; }
}
