namespace Monitor.Rules.Google;

/// <summary>
/// One of Google's published fulfillment alerts: over <see cref="GoogleFulfillmentAlerts.Share"/> of an
/// action's requests failing in the last 30 minutes, with at least 25 counted errors from at least 5
/// distinct restaurants, evaluated once a minute.
/// </summary>
/// <param name="Name">The alert's name as Google's documentation gives it.</param>
/// <param name="Signal">The action it reads: <c>checkout</c> or <c>submit_order</c> (production traffic only).</param>
/// <param name="Errors">Which failures it counts.</param>
public sealed record GoogleAlert(string Name, string Signal, GoogleErrorCount Errors)
{
    /// <summary>Checkout errors: every failed Checkout.</summary>
    public static GoogleAlert CheckoutErrors { get; } = new("checkout errors", "checkout", GoogleErrorCount.All);

    /// <summary>Submit-order errors: failed SubmitOrders, <c>PAYMENT_DECLINED</c> left out.</summary>
    public static GoogleAlert SubmitOrderErrors { get; } = new("submit-order errors", "submit_order", GoogleErrorCount.AllButPaymentDeclined);

    /// <summary>Payment declined: SubmitOrders that failed with <c>PAYMENT_DECLINED</c>.</summary>
    public static GoogleAlert PaymentDeclined { get; } = new("payment declined", "submit_order", GoogleErrorCount.PaymentDeclinedOnly);

    /// <summary>The three alerts, in the order above.</summary>
    public static IReadOnlyList<GoogleAlert> All { get; } = [CheckoutErrors, SubmitOrderErrors, PaymentDeclined];

    /// <summary>Whether a failure with this error type counts as an error for the alert.</summary>
    public bool Counts(string? errorType) => Errors switch
    {
        GoogleErrorCount.AllButPaymentDeclined => !string.Equals(errorType, PaymentDeclinedType, StringComparison.Ordinal),
        GoogleErrorCount.PaymentDeclinedOnly => string.Equals(errorType, PaymentDeclinedType, StringComparison.Ordinal),
        _ => true,
    };

    private const string PaymentDeclinedType = "PAYMENT_DECLINED";
}

/// <summary>Which failures a <see cref="GoogleAlert"/> counts as errors.</summary>
public enum GoogleErrorCount
{
    /// <summary>Every failure.</summary>
    All,

    /// <summary>Every failure but <c>PAYMENT_DECLINED</c>.</summary>
    AllButPaymentDeclined,

    /// <summary>Only <c>PAYMENT_DECLINED</c>.</summary>
    PaymentDeclinedOnly,
}
