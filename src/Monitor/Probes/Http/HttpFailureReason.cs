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

    /// <summary>Whether a failure got no HTTP answer at all; only these count for the circuit breaker.</summary>
    public static bool IsNoAnswer(string? reason) => reason is Dns or Connect or Tls or Timeout or Protocol;
}
