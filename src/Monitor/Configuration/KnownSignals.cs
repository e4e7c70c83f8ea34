namespace Monitor.Configuration;

/// <summary>Signals that exist without a target: the actions reported by real traffic.</summary>
internal static class KnownSignals
{
    /// <summary>Fulfillment actions reported by the partner's service.</summary>
    public static readonly string[] Actions = ["checkout", "submit_order", "async_order_update", "rtu"];

    /// <summary>
    /// A signal is known when it is a target or an action, or one of them with a prefix such as
    /// <c>sandbox:</c> (sandbox traffic kept apart from production).
    /// </summary>
    public static bool IsKnown(string signal, IReadOnlySet<string> signals)
    {
        if (signals.Contains(signal))
        {
            return true;
        }

        var colon = signal.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && signals.Contains(signal[(colon + 1)..]);
    }
}
