namespace Monitor.Rules.Definitions;

/// <summary>
/// A rule's signal is either a series name or a pattern with one <c>*</c> standing for any text (for
/// example <c>entities.*:inventory</c> or <c>probe-*</c>), which gives the rule one alert series per
/// matching signal.
/// </summary>
public static class SignalPattern
{
    /// <summary>True when <paramref name="pattern"/> contains <c>*</c>.</summary>
    public static bool IsPattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return pattern.Contains('*', StringComparison.Ordinal);
    }

    /// <summary>
    /// True when <paramref name="signal"/> is read by a rule whose signal is <paramref name="pattern"/>. A pattern
    /// without <c>@</c> leaves out the per-location series (<c>NAME@LOCATION</c>): <c>tls:*</c> reads this daemon's
    /// own view of every certificate, not one alert per location too; <c>tls:checkout@*</c> reads every location.
    /// </summary>
    public static bool Matches(string pattern, string signal)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(signal);
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(pattern, signal, StringComparison.Ordinal);
        }

        if (signal.Contains(Locations.LocationSignals.Separator, StringComparison.Ordinal)
            && !pattern.Contains(Locations.LocationSignals.Separator, StringComparison.Ordinal))
        {
            return false;
        }

        // Text after a second star is matched literally: one wildcard is all rules need.
        var prefix = pattern.AsSpan(0, star);
        var suffix = pattern.AsSpan(star + 1);
        return signal.Length >= prefix.Length + suffix.Length
            && signal.AsSpan().StartsWith(prefix, StringComparison.Ordinal)
            && signal.AsSpan().EndsWith(suffix, StringComparison.Ordinal);
    }
}
