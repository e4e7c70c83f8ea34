namespace Monitor.Probes.Http;

/// <summary>The outcome of one request of a probe run (a run has several when it retries).</summary>
/// <param name="Success">Whether every assertion held.</param>
/// <param name="Reason">For a failure, one of <see cref="HttpFailureReason"/>.</param>
/// <param name="Detail">A sentence without secrets.</param>
/// <param name="Latency">From sending to the last byte of the body (or to the failure).</param>
internal sealed record HttpAttempt(bool Success, string? Reason, string Detail, TimeSpan Latency)
{
    /// <summary>Status code, when an answer came.</summary>
    public int? StatusCode { get; init; }

    /// <summary>FoodErrorExtension error type found in the answer, allowed or not.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Earliest expiry in the server's certificate chain, when a TLS handshake happened.</summary>
    public DateTimeOffset? CertificateNotAfter { get; init; }

    /// <summary>How long name resolution took, when it happened.</summary>
    public TimeSpan? DnsTime { get; init; }

    /// <summary>How long the TCP connect took, when it completed.</summary>
    public TimeSpan? ConnectTime { get; init; }

    /// <summary>False when nothing was sent (the circuit was open).</summary>
    public bool Sent { get; init; } = true;

    public static HttpAttempt Failed(string reason, string detail, TimeSpan latency) => new(false, reason, detail, latency);
}
