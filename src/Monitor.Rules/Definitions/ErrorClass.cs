namespace Monitor.Rules.Definitions;

/// <summary>
/// Which kind of failure a rule counts. A failure that carries a business error type (a
/// <c>FoodErrorExtension</c> code such as <c>CLOSED</c> or <c>PAYMENT_DECLINED</c>, or a
/// <c>rejectionInfo.type</c>) is a business error: routine on a restaurant platform. Any other failure
/// (a status other than the expected one, a timeout, a connection, DNS or TLS failure) is an
/// infrastructure error: the partner's service itself is failing.
/// </summary>
public enum ErrorClass
{
    /// <summary>Every failure counts (the default).</summary>
    Any = 0,

    /// <summary>Only failures without a business error type: 5xx and other unexpected statuses, timeouts, connection failures.</summary>
    Infrastructure = 1,

    /// <summary>Only failures with a business error type.</summary>
    Business = 2,
}
