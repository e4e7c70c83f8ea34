namespace Monitor.Rules.Definitions;

/// <summary>
/// Names of the signals a feed probe records for the feed presets. Several feed targets add up into the
/// same signals, as Google sees one inventory.
/// </summary>
public static class FeedSignals
{
    /// <summary>Valid and invalid entities by age (<see cref="Evaluation.RuleEngine.RecordCounts"/>): failures are entities older than the feed's stale limit.</summary>
    public const string Age = "feed-age";

    /// <summary>A gauge: the feed's own timestamp (marker or Last-Modified) in Unix seconds.</summary>
    public const string Updated = "feed-updated";

    /// <summary>The pattern matching <see cref="Entities"/> of every type.</summary>
    public const string EntitiesOfEveryType = "feed:*";

    /// <summary>The pattern matching <see cref="Count"/> of every type.</summary>
    public const string CountOfEveryType = "feed-count:*";

    /// <summary>Error type of entities older than the stale limit on <see cref="Age"/>.</summary>
    public const string Stale = "STALE";

    /// <summary>Valid and invalid entities of one type, recorded with <see cref="Evaluation.RuleEngine.RecordCounts"/>.</summary>
    public static string Entities(string type) => "feed:" + type;

    /// <summary>A gauge: how many entities of a type the last run found.</summary>
    public static string Count(string type) => "feed-count:" + type;
}
