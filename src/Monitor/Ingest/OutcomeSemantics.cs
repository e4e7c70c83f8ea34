using System.Globalization;
using Monitor.Ingest.Parsing;
using Monitor.Rules.Observations;

namespace Monitor.Ingest;

/// <summary>
/// Applies Google's definitions to a reported outcome. A checkout or submit-order error is an answer
/// other than HTTP 200, a timeout, or a business error (<c>foodOrderErrors[].error</c> /
/// <c>rejectionInfo.type</c>) even inside a 200. The error type travels with the observation so a rule
/// can leave <c>PAYMENT_DECLINED</c> out (submit-order) or count only it (payment-declined).
/// Sandbox traffic goes to <c>sandbox:&lt;action&gt;</c> and never mixes with production.
/// </summary>
internal static class OutcomeSemantics
{
    public const string TimeoutReason = "timeout";
    public const string ErrorTypeReason = "error_type";

    private static readonly string[] StatusReasons =
        [.. Enumerable.Range(0, 600).Select(s => "http_" + s.ToString(CultureInfo.InvariantCulture))];

    public static Observation ToObservation(in ParsedOutcome outcome, ActionCatalog actions)
    {
        var signal = outcome.Sandbox ? actions.SandboxSignals[outcome.Action] : actions.ProductionSignals[outcome.Action];
        var reason = FailureReason(outcome, actions.Fulfillment[outcome.Action]);
        return new Observation(
            signal, outcome.Time, reason is null, reason, TimeSpan.FromMilliseconds(outcome.LatencyMs), outcome.ErrorType, outcome.RestaurantId);
    }

    /// <summary>The named reason of a failure; null for a success.</summary>
    public static string? FailureReason(in ParsedOutcome outcome, bool fulfillment)
    {
        if (outcome.Timeout)
        {
            return TimeoutReason;
        }

        // Google counts any non-200 answer to Checkout or SubmitOrder; calls to Google's APIs succeed on any 2xx.
        var statusOk = fulfillment ? outcome.Status == 200 : outcome.Status is >= 200 and < 300;
        if (!statusOk)
        {
            return StatusReasons[outcome.Status];
        }

        return outcome.ErrorType is null ? null : ErrorTypeReason;
    }

    /// <summary>Index of the outcome's signal in <see cref="ActionCatalog.SignalName"/> order.</summary>
    public static int SignalIndex(in ParsedOutcome outcome, ActionCatalog actions) =>
        outcome.Sandbox ? actions.Names.Count + outcome.Action : outcome.Action;
}
