namespace Monitor.Rules.Windows;

/// <summary>
/// Which failures a rule counts, by error type (or failure reason when there is no error type).
/// Rules with the same lists share one set of counters in a series.
/// </summary>
internal sealed class ErrorFilter
{
    public static readonly ErrorFilter All = new(null, null);

    public ErrorFilter(IReadOnlyList<string>? include, IReadOnlyList<string>? exclude)
    {
        Include = include is { Count: > 0 } ? [.. include.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] : [];
        Exclude = Include.Length == 0 && exclude is { Count: > 0 }
            ? [.. exclude.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
            : [];
        Key = Include.Length > 0 ? "only:" + string.Join(',', Include)
            : Exclude.Length > 0 ? "not:" + string.Join(',', Exclude)
            : "all";
    }

    public string[] Include { get; }

    public string[] Exclude { get; }

    /// <summary>A canonical text form, equal for equal filters.</summary>
    public string Key { get; }

    public bool Counts(string label) =>
        Include.Length > 0 ? Include.Contains(label, StringComparer.Ordinal) : !Exclude.Contains(label, StringComparer.Ordinal);
}
