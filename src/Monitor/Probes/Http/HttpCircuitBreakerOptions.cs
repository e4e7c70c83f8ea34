namespace Monitor.Probes.Http;

/// <summary>
/// The per-target circuit breaker (<c>monitor:targets:http:N:circuitBreaker</c>). Only attempts that got no HTTP
/// answer at all (dns, connect, timeout, protocol) count; a TLS problem, a wrong status or body means the host is up.
/// While open, runs fail with reason <c>connect</c> ("circuit open") without sending anything.
/// </summary>
internal sealed class HttpCircuitBreakerOptions
{
    /// <summary>Whether the breaker is used. Default <c>true</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Share of failed attempts in the sampling window that opens the circuit, in (0, 1]. Default 1 (all of them).</summary>
    public double FailureRatio { get; set; } = 1.0;

    /// <summary>Fewest attempts in the sampling window before the breaker judges (at least 2). Default 5.</summary>
    public int MinimumThroughput { get; set; } = 5;

    /// <summary>Window the failure ratio is computed over (at least 500ms). Default <c>5m</c>.</summary>
    public string SamplingDuration { get; set; } = "5m";

    /// <summary>How long the circuit stays open before one trial attempt (at least 500ms). Default <c>1m</c>.</summary>
    public string BreakDuration { get; set; } = "1m";
}
