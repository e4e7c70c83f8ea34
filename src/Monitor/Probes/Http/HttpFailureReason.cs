namespace Monitor.Probes.Http;

/// <summary>The named reasons an HTTP probe fails with; each failure carries exactly one.</summary>
internal static class HttpFailureReason
{
    public const string Dns = "dns";
    public const string Connect = "connect";
    public const string Tls = "tls";
    public const string Timeout = "timeout";
    public const string Status = "status";
    public const string Latency = "latency";

    /// <summary>The answer's headers or body did not match an assertion (including a FoodErrorExtension).</summary>
    public const string Body = "body";
    public const string Size = "size";
    public const string Protocol = "protocol";

    /// <summary>
    /// Whether a failure means the host looks down: no name, no connection, no answer in time, or the connection
    /// dropped without an HTTP answer. Only these count for the circuit breaker. A TLS failure does not: the host
    /// answered the handshake, and its certificate problem must keep its own reason.
    /// </summary>
    public static bool LooksDown(string? reason) => reason is Dns or Connect or Timeout or Protocol;
}
