using Monitor.Rules.Definitions;

namespace Monitor.Rules.Windows;

/// <summary>
/// Which failures a rule counts, by error type (or failure reason when there is no error type) and by
/// <see cref="ErrorClass"/>. Rules with the same lists and class share one set of counters in a series.
/// </summary>
internal sealed class ErrorFilter
{
    public static readonly ErrorFilter All = new(null, null);

    public ErrorFilter(IReadOnlyList<string>? include, IReadOnlyList<string>? exclude, ErrorClass errorClass = ErrorClass.Any)
    {
        Class = errorClass;
        Include = include is { Count: > 0 } ? [.. include.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] : [];
        Exclude = Include.Length == 0 && exclude is { Count: > 0 }
            ? [.. exclude.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
            : [];
        Key = Include.Length > 0 ? "only:" + string.Join(',', Include)
            : Exclude.Length > 0 ? "not:" + string.Join(',', Exclude)
            : "all";
        Key += errorClass switch
        {
            ErrorClass.Infrastructure => "/infrastructure",
            ErrorClass.Business => "/business",
            _ => "",
        };
    }

    public ErrorClass Class { get; }

    public string[] Include { get; }

    public string[] Exclude { get; }

    /// <summary>A canonical text form, equal for equal filters.</summary>
    public string Key { get; }

    /// <summary>Whether the type lists let a failure with this label count, whatever its class.</summary>
    public bool Counts(string label) =>
        Include.Length > 0 ? Include.Contains(label, StringComparer.Ordinal) : !Exclude.Contains(label, StringComparer.Ordinal);

    /// <summary>Whether the filter counts a failure with this label, of the business class or not.</summary>
    public bool Counts(string label, bool business) => Counts(label) && Admits(business);

    /// <summary>Whether the class lets a failure of the business class (or not) count.</summary>
    public bool Admits(bool business) => Class switch
    {
        ErrorClass.Infrastructure => !business,
        ErrorClass.Business => business,
        _ => true,
    };
}
