namespace Monitor.Rules.Definitions;

/// <summary>
/// A rule's signal is either a series name or a prefix ending in <c>*</c> (for example <c>feed:*</c>), which
/// gives the rule one alert series per matching signal.
/// </summary>
public static class SignalPattern
{
    /// <summary>True when <paramref name="pattern"/> ends in <c>*</c>.</summary>
    public static bool IsPattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return pattern.EndsWith('*');
    }

    /// <summary>True when <paramref name="signal"/> is read by a rule whose signal is <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string signal)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(signal);
        return IsPattern(pattern)
            ? signal.AsSpan().StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal)
            : string.Equals(pattern, signal, StringComparison.Ordinal);
    }
}
