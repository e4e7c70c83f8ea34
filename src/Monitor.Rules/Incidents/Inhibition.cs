namespace Monitor.Rules.Incidents;

/// <summary>
/// An inhibition rule: while an alert matching <paramref name="Source"/> fires, alerts matching
/// <paramref name="Target"/> that have the same values of the <paramref name="Equal"/> labels are
/// recorded and shown but tell nobody and join no case. An alert never inhibits itself.
/// </summary>
/// <param name="Source">What the explaining alert matches.</param>
/// <param name="Target">What the explained alerts match.</param>
/// <param name="Equal">Labels whose values must be the same on both.</param>
public sealed record InhibitRule(AlertMatcher Source, AlertMatcher Target, IReadOnlyList<string> Equal)
{
    /// <summary>True when <paramref name="source"/> inhibits <paramref name="target"/> under this rule.</summary>
    public bool Inhibits(AlertLabels source, AlertLabels target) =>
        !(source.Rule == target.Rule && source.Signal == target.Signal)
        && Source.Matches(source) && Target.Matches(target)
        && Equal.All(label => string.Equals(source.Get(label), target.Get(label), StringComparison.Ordinal));
}

/// <summary>The inhibition rules together.</summary>
/// <param name="Rules">The rules.</param>
public sealed record Inhibitor(IReadOnlyList<InhibitRule> Rules)
{
    /// <summary>No rules.</summary>
    public static Inhibitor None { get; } = new([]);

    /// <summary>The first firing alert that inhibits <paramref name="target"/>, or null.</summary>
    /// <param name="target">The alert to judge.</param>
    /// <param name="firing">The alerts firing now (not themselves inhibited).</param>
    public AlertLabels? InhibitedBy(AlertLabels target, IEnumerable<AlertLabels> firing)
    {
        if (Rules.Count == 0)
        {
            return null;
        }

        foreach (var source in firing)
        {
            if (Rules.Any(r => r.Inhibits(source, target)))
            {
                return source;
            }
        }

        return null;
    }
}
