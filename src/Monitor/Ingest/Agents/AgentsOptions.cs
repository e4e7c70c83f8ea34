namespace Monitor.Ingest.Agents;

/// <summary>Probe agents that report to this daemon (<c>monitor:agents</c>).</summary>
internal sealed class AgentsOptions
{
    /// <summary>The most results one report may carry.</summary>
    public const int MaxBatch = 10_000;

    /// <summary>The agents, one per location, each with its own token. Default none: the report endpoint is off.</summary>
    public List<AgentLocationOptions> Locations { get; set; } = [];

    /// <summary>A location silent for longer is stale: it counts neither way in a quorum, and raises <c>location-stale</c>. Default <c>2m</c>.</summary>
    public string StaleAfter { get; set; } = "2m";

    /// <summary>Results (and reports) stamped further ahead of this daemon's clock are refused and counted. Default <c>1m</c>.</summary>
    public string MaxClockSkew { get; set; } = "1m";

    /// <summary>Largest report body, in bytes. Default 8388608 (8 MiB).</summary>
    public long MaxBodyBytes { get; set; } = 8 * 1024 * 1024;
}

/// <summary>One agent (<c>monitor:agents:locations:N</c>).</summary>
internal sealed class AgentLocationOptions
{
    /// <summary>The location name (letters, digits, <c>-</c>, <c>_</c>, <c>.</c>); a metric label value. Required, unique, not this daemon's own <c>monitor:location</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The agent's bearer token. A secret: write <c>${env:NAME}</c> or <c>${file:PATH}</c>. Required, at least 16 characters, unique.</summary>
    public string Token { get; set; } = "";
}
