namespace Monitor.Rules.Locations;

/// <summary>
/// Names of per-location series: a target probed from a location is the signal <c>TARGET@LOCATION</c>.
/// The plain target name stays the central daemon's own view, so rules without a quorum read what they always read.
/// </summary>
public static class LocationSignals
{
    /// <summary>Separates a target from its location in a signal name.</summary>
    public const char Separator = '@';

    /// <summary>The signal of <paramref name="target"/> as seen from <paramref name="location"/>.</summary>
    public static string Qualify(string target, string location)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(location);
        return string.Concat(target, "@", location);
    }

    /// <summary>Splits <c>TARGET@LOCATION</c>; false for a signal without a location.</summary>
    public static bool TrySplit(string signal, out string target, out string location)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var at = signal.LastIndexOf(Separator);
        if (at <= 0 || at == signal.Length - 1)
        {
            (target, location) = (signal, "");
            return false;
        }

        (target, location) = (signal[..at], signal[(at + 1)..]);
        return true;
    }

    /// <summary>True when <paramref name="signal"/> is <paramref name="target"/> seen from some location.</summary>
    public static bool IsLocationOf(string signal, string target)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(target);
        return signal.Length > target.Length + 1
            && signal[target.Length] == Separator
            && signal.AsSpan().StartsWith(target, StringComparison.Ordinal)
            && signal.IndexOf(Separator, target.Length + 1) < 0;
    }
}
