namespace Monitor.Rules.Observations;

/// <summary>
/// One measured outcome of one signal: a probe run, or a real request reported by the partner.
/// </summary>
/// <param name="Signal">The series the outcome belongs to, for example <c>checkout</c> or a probe target name.</param>
/// <param name="Timestamp">When the outcome happened.</param>
/// <param name="Success">Whether the outcome counts as a success.</param>
/// <param name="Reason">For a failure, a short named reason (<c>status</c>, <c>timeout</c>, <c>body</c>...).</param>
/// <param name="Latency">How long the request took.</param>
/// <param name="ErrorType">The business error type, for example <c>CLOSED</c> or <c>PAYMENT_DECLINED</c>.</param>
/// <param name="RestaurantId">The restaurant the request was for, when known.</param>
public readonly record struct Observation(
    string Signal,
    DateTimeOffset Timestamp,
    bool Success,
    string? Reason = null,
    TimeSpan Latency = default,
    string? ErrorType = null,
    string? RestaurantId = null);
