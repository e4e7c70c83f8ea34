namespace Monitor.Configuration;

/// <summary>Signals that exist without a target: the actions reported by real traffic.</summary>
internal static class KnownSignals
{
    /// <summary>Fulfillment actions reported by the partner's service.</summary>
    public static readonly string[] Actions = ["checkout", "submit_order", "async_order_update", "rtu"];
}
