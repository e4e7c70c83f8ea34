namespace Monitor.Agent;

/// <summary>
/// A probe agent (<c>monitor:agent</c>), read only by <c>monitor agent</c>: it runs the targets of the same file at
/// <see cref="Location"/> and reports every result to a central daemon.
/// </summary>
internal sealed class AgentOptions
{
    /// <summary>The location name the results carry (letters, digits, <c>-</c>, <c>_</c>, <c>.</c>); must be one of the central's <c>monitor:agents:locations</c>. Required.</summary>
    public string Location { get; set; } = "";

    /// <summary>This agent's bearer token, as listed for its location on the central. A secret: write <c>${env:NAME}</c> or <c>${file:PATH}</c>. Required.</summary>
    public string Token { get; set; } = "";

    /// <summary>Central daemons' base URLs, active first (for example <c>https://monitor-a:9464</c>); the agent fails over in order. At least one.</summary>
    public List<string> Central { get; set; } = [];

    /// <summary>
    /// A PEM file of the CA certificates that sign an <c>https</c> central's certificate (a private CA, or the
    /// central's own self-signed certificate), relative to the config file. When set, only these are trusted for the
    /// central; the host name is still checked. Default none: the system's trust store.
    /// </summary>
    public string? CaFile { get; set; }

    /// <summary>The agent's own listener for <c>/healthz</c> and <c>/metrics</c>. Default <c>http://127.0.0.1:9465</c>.</summary>
    public string Listen { get; set; } = "http://127.0.0.1:9465";

    /// <summary>Results kept on disk while no central answers.</summary>
    public AgentSpoolOptions Spool { get; set; } = new();

    /// <summary>Most results per report. Default 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long to wait after every central failed, before trying again. Default <c>5s</c>.</summary>
    public string RetryInterval { get; set; } = "5s";

    /// <summary>Time limit of one report request. Default <c>10s</c>.</summary>
    public string Timeout { get; set; } = "10s";
}

/// <summary>The agent's on-disk spool (<c>monitor:agent:spool</c>).</summary>
internal sealed class AgentSpoolOptions
{
    /// <summary>Folder of the spool. Default empty: <c>&lt;dataDirectory&gt;/agent-spool</c>.</summary>
    public string Directory { get; set; } = "";

    /// <summary>Most results kept; when full, the oldest are dropped (and counted). Default 10000.</summary>
    public int MaxResults { get; set; } = 10_000;
}
