namespace Monitor.Probes.Http;

/// <summary>One HTTP target (<c>monitor:targets:http:N</c>).</summary>
internal sealed class HttpTargetOptions
{
    /// <summary>Unique target name; also the signal its observations carry. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>What the target watches, so its alerts join that problem's incident: <c>fulfillment</c> (default), <c>updates</c>, <c>google</c>, <c>inventory</c> or <c>none</c> (an incident of its own).</summary>
    public string Surface { get; set; } = "fulfillment";

    /// <summary>Absolute http or https URL, without credentials (use <see cref="BasicAuth"/>). Required.</summary>
    public string Url { get; set; } = "";

    /// <summary>HTTP method. Default <c>GET</c>.</summary>
    public string Method { get; set; } = "GET";

    /// <summary>Inline request body. Default: none.</summary>
    public string? Body { get; set; }

    /// <summary>File holding the request body, relative to the config file. Default: none.</summary>
    public string? BodyFile { get; set; }

    /// <summary>Content type sent with a body. Default <c>application/json</c>.</summary>
    public string ContentType { get; set; } = "application/json";

    /// <summary>
    /// Request headers. Values of the form <c>${env:NAME}</c> or <c>${file:PATH}</c> are read at each run and
    /// never logged nor shown in results. Default: none.
    /// </summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>Basic authentication; both values may be <c>${env:NAME}</c> or <c>${file:PATH}</c>. Default: none.</summary>
    public HttpBasicAuthOptions? BasicAuth { get; set; }

    /// <summary>How often to probe. Default <c>30s</c>.</summary>
    public string Interval { get; set; } = "30s";

    /// <summary>A cron expression (Quartz syntax) used instead of the interval when set. Default: none.</summary>
    public string? Cron { get; set; }

    /// <summary>Per-attempt timeout, from the first byte sent to the last byte of the body (10ms to 1h). Default <c>10s</c>.</summary>
    public string Timeout { get; set; } = "10s";

    /// <summary><c>1.1</c> or <c>2</c>; with <c>2</c> a server that cannot speak HTTP/2 fails with reason <c>protocol</c>. Default <c>1.1</c>.</summary>
    public string HttpVersion { get; set; } = "1.1";

    /// <summary>Follow 3xx redirects; the status assertion then applies to the final answer. Default <c>false</c>.</summary>
    public bool FollowRedirects { get; set; }

    /// <summary>Most redirects followed when <see cref="FollowRedirects"/> is on (1-20). Default 5.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// PEM file of CA certificates trusted for this target besides the system's (a partner's private CA), relative to
    /// the config file. Safer than <see cref="InsecureSkipVerify"/>: the host name and dates are still checked. Default: none.
    /// </summary>
    public string? CaFile { get; set; }

    /// <summary>
    /// Accept an invalid certificate (self-signed, expired, wrong name); its expiry is still measured, as the earliest
    /// among the certificates the server sends. Default <c>false</c>.
    /// </summary>
    public bool InsecureSkipVerify { get; set; }

    /// <summary>Longest body read; a longer body fails with reason <c>size</c> (1 byte to 256 MiB). Default 1048576 (1 MiB).</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Confirm-retries after a failed attempt (0-10). A run whose first attempt failed counts as a failure even when a
    /// retry passes: retries never hide a failure; the result records the attempts and the recovery. Default 0.
    /// </summary>
    public int Retries { get; set; }

    /// <summary>Pause before each retry (0s to 1m). Default <c>1s</c>.</summary>
    public string RetryDelay { get; set; } = "1s";

    /// <summary>Stops sending to a host that keeps failing without answering.</summary>
    public HttpCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>What the answer must look like.</summary>
    public HttpExpectOptions Expect { get; set; } = new();
}
