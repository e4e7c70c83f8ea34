using Monitor.Rules.Observations;

namespace Monitor.Probes;

/// <summary>The outcome of one probe run.</summary>
/// <param name="Target">The target name.</param>
/// <param name="Kind">The kind of target.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="Duration">How long the run took, retries included.</param>
/// <param name="Success">Whether every assertion held.</param>
/// <param name="Reason">For a failure, one named reason: dns, connect, tls, timeout, status, latency, body, size, protocol, stale, invalid...</param>
/// <param name="Detail">A human sentence about the failure (or the success), with no secrets.</param>
internal sealed record ProbeResult(
    string Target,
    string Kind,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    bool Success,
    string? Reason,
    string Detail)
{
    /// <summary>Business error type found in the answer (a <c>FoodErrorExtension</c> error), if any.</summary>
    public string? ErrorType { get; init; }

    /// <summary>HTTP status code, for HTTP probes that got an answer.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Attempts made (1 with no retry; 0 when nothing was sent, for example with an open circuit).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>
    /// A retry passed after the first attempt failed. The run still counts as a failure, with the first attempt's
    /// <see cref="Reason"/>, for the rules and the metrics: retries never hide a failure, they only tell a blip
    /// from an outage.
    /// </summary>
    public bool RecoveredOnRetry { get; init; }

    /// <summary>Named measurements of the run (feed entity counts, certificate days left...), for metrics and rules.</summary>
    public IReadOnlyDictionary<string, double> Gauges { get; init; } = new Dictionary<string, double>();

    /// <summary>The observation this run contributes to its signal.</summary>
    /// <remarks>
    /// A wrong status is recorded with its code (<c>http_500</c>) as the reason, so that messages count failures by
    /// HTTP code; it stays an infrastructure error, as only a business error type makes a business error.
    /// </remarks>
    public Observation ToObservation() =>
        new(Target, StartedAt + Duration, Success, Success ? null : StatusReason(), Duration, ErrorType, null);

    private string? StatusReason() => Reason == "status" && StatusCode is { } code
        ? "http_" + code.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Reason;
}
