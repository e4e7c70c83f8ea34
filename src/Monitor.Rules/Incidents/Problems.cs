namespace Monitor.Rules.Incidents;

/// <summary>A named problem: the alerts it matches share one incident and one case.</summary>
/// <param name="Name">The problem's name, for example <c>fulfillment</c>.</param>
/// <param name="Title">How messages name it, for example <c>the fulfillment endpoint</c>.</param>
/// <param name="Matchers">An alert belongs to the problem when any matcher matches it.</param>
public sealed record Problem(string Name, string Title, IReadOnlyList<AlertMatcher> Matchers)
{
    /// <summary>True when the alert belongs to this problem.</summary>
    public bool Matches(AlertLabels alert) => Matchers.Any(m => !m.IsEmpty && m.Matches(alert));
}

/// <summary>The problems in order, first match wins.</summary>
/// <param name="Problems">The problems.</param>
public sealed record ProblemCatalog(IReadOnlyList<Problem> Problems)
{
    /// <summary>No problems: every alert stays on its own.</summary>
    public static ProblemCatalog None { get; } = new([]);

    /// <summary>The problem an alert belongs to, or null.</summary>
    public Problem? Find(AlertLabels alert) => Problems.FirstOrDefault(p => p.Matches(alert));

    /// <summary>The grouping key of an alert: its problem, or its own fingerprint.</summary>
    public string Key(AlertLabels alert, string fingerprint) => Find(alert) is { } p ? "problem:" + p.Name : "fingerprint:" + fingerprint;

    /// <summary>The problem with this name, or null.</summary>
    public Problem? Named(string name) => Problems.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}
