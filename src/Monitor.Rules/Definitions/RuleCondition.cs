namespace Monitor.Rules.Definitions;

/// <summary>The condition of a rule. Each kind of rule is one subtype.</summary>
public abstract record RuleCondition
{
    /// <summary>The longest span of history the condition reads.</summary>
    public abstract TimeSpan Lookback { get; }
}

/// <summary>
/// Error ratio over a window: active when failures / samples is at or above <see cref="Threshold"/>
/// and the minimums hold.
/// </summary>
/// <param name="Window">The window length.</param>
/// <param name="Threshold">Ratio in [0, 1].</param>
/// <param name="MinSamples">Fewest observations in the window for the rule to judge (default 1).</param>
/// <param name="MinErrors">Fewest counted failures (default 1).</param>
/// <param name="MinDistinctRestaurants">Fewest distinct restaurants among counted failures (default 0).</param>
/// <param name="IncludeErrorTypes">When not empty, only failures with one of these error types count.</param>
/// <param name="ExcludeErrorTypes">Failures with one of these error types do not count.</param>
public sealed record ErrorRatioCondition(
    TimeSpan Window,
    double Threshold,
    long MinSamples = 1,
    long MinErrors = 1,
    int MinDistinctRestaurants = 0,
    IReadOnlyList<string>? IncludeErrorTypes = null,
    IReadOnlyList<string>? ExcludeErrorTypes = null) : RuleCondition
{
    /// <inheritdoc />
    public override TimeSpan Lookback => Window;

    /// <summary>Whether a failure with this error type counts for the rule.</summary>
    public bool Counts(string? errorType)
    {
        if (IncludeErrorTypes is { Count: > 0 } include
            && (errorType is null || !include.Contains(errorType, StringComparer.Ordinal)))
        {
            return false;
        }

        return errorType is null || ExcludeErrorTypes is null
            || !ExcludeErrorTypes.Contains(errorType, StringComparer.Ordinal);
    }
}
