namespace Monitor.Rules.Definitions;

/// <summary>
/// Names of the signals a feed probe records for the feed presets. Each is <c>KIND:FEED</c> with the
/// feed target's name after the colon, so that a configuration check that knows target names
/// recognises them.
/// </summary>
public static class FeedSignals
{
    /// <summary>Error type of entities whose <c>dateModified</c> is 2 to 3 days old.</summary>
    public const string Stale2Days = "STALE_2D";

    /// <summary>Error type of entities whose <c>dateModified</c> is 3 days old or more (what Google counts).</summary>
    public const string Stale3Days = "STALE_3D";

    /// <summary>Valid and invalid entities of one type, recorded with <see cref="Evaluation.RuleEngine.RecordCounts"/>.</summary>
    public static string Entities(string feed, string type) => $"entities.{type}:{feed}";

    /// <summary>The pattern matching <see cref="Entities"/> of every type of a feed.</summary>
    public static string EntitiesOfEveryType(string feed) => $"entities.*:{feed}";

    /// <summary>
    /// Entities by age, recorded with <see cref="Evaluation.RuleEngine.RecordCounts"/>: successes under 2 days,
    /// failures with <see cref="Stale2Days"/> or <see cref="Stale3Days"/>.
    /// </summary>
    public static string Age(string feed) => $"age:{feed}";

    /// <summary>A gauge: the feed's own timestamp (marker or Last-Modified) in Unix seconds.</summary>
    public static string Updated(string feed) => $"updated:{feed}";

    /// <summary>A gauge: how many entities of a type (or restaurants) the last run found.</summary>
    public static string Count(string feed, string type) => $"count.{type}:{feed}";

    /// <summary>The pattern matching <see cref="Count"/> of every type of a feed.</summary>
    public static string CountOfEveryType(string feed) => $"count.*:{feed}";
}
