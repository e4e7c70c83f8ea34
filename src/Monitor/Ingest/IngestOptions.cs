namespace Monitor.Ingest;

/// <summary>Real-traffic ingest (<c>monitor:ingest</c>): outcomes posted over HTTP or tailed from NDJSON log files.</summary>
internal sealed class IngestOptions
{
    /// <summary>
    /// Bearer token the partner's service sends to <c>POST /api/v1/observations</c>. A secret: never logged;
    /// <c>${env:NAME}</c> or <c>${file:PATH}</c> point at it. Default empty: HTTP ingest is off.
    /// </summary>
    public string Token { get; set; } = "";

    /// <summary>Largest request body accepted, in bytes. Default 16777216 (16 MiB).</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Observations that may wait between the endpoint and the rules; beyond it requests get 429. Default 262144.</summary>
    public int QueueCapacity { get; set; } = 256 * 1024;

    /// <summary>The <c>Retry-After</c> given with a 429 answer. Default <c>1s</c>.</summary>
    public string RetryAfter { get; set; } = "1s";

    /// <summary>Action names accepted besides <c>checkout</c>, <c>submit_order</c>, <c>async_order_update</c> and <c>rtu</c>. Default none.</summary>
    public List<string> CustomActions { get; set; } = [];

    /// <summary>NDJSON log files to follow.</summary>
    public TailOptions Tail { get; set; } = new();
}

/// <summary>Log files followed by the daemon (<c>monitor:ingest:tail</c>).</summary>
internal sealed class TailOptions
{
    /// <summary>Files to follow; a <c>*</c> or <c>?</c> in the file name makes a glob. Default none.</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>How often the files are checked for new lines and rotation. Default <c>1s</c>.</summary>
    public string PollInterval { get; set; } = "1s";

    /// <summary>Folder of the saved read positions. Default empty: <c>&lt;dataDirectory&gt;/ingest</c>.</summary>
    public string StateDirectory { get; set; } = "";
}
