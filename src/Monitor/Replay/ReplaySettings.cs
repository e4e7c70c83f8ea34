namespace Monitor.Replay;

/// <summary>How a replay runs.</summary>
internal sealed class ReplaySettings
{
    /// <summary>How often the rules are evaluated, in virtual time (the configured evaluation interval).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The finest bucket width of the windows (the configured resolution).</summary>
    public TimeSpan Resolution { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Lines before this time are left out; null: from the first line.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Lines at or after this time are left out; null: to the last line.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>How many refused lines are kept with their place (all are counted).</summary>
    public int KeptProblems { get; init; } = 1000;

    /// <summary>The most evaluations one replay runs: a bound on a time span that no recorded traffic has.</summary>
    public long MaxEvaluations { get; init; } = 20_000_000;
}
