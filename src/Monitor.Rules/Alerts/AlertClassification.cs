using System.Diagnostics.CodeAnalysis;

namespace Monitor.Rules.Alerts;

/// <summary>Names used in configuration for severities and categories, and the urgency rule.</summary>
public static class AlertClassification
{
    private static readonly (AlertCategory Category, string Name)[] CategoryNames =
    [
        (AlertCategory.None, "none"),
        (AlertCategory.TechnicalSupport, "technical-support"),
        (AlertCategory.IntegrationDown, "integration-down"),
        (AlertCategory.MerchantsCannotServe, "merchants-cannot-serve"),
        (AlertCategory.OrdersBlocked, "orders-blocked"),
    ];

    private static readonly (Severity Severity, string Name)[] SeverityNames =
    [
        (Severity.Info, "info"),
        (Severity.Minor, "minor"),
        (Severity.Major, "major"),
        (Severity.Critical, "critical"),
    ];

    /// <summary>All category names accepted in configuration.</summary>
    public static IEnumerable<string> CategoryValues => CategoryNames.Select(c => c.Name);

    /// <summary>All severity names accepted in configuration.</summary>
    public static IEnumerable<string> SeverityValues => SeverityNames.Select(s => s.Name);

    /// <summary>True when the alert must be handled as urgent: critical and one of the three urgent categories.</summary>
    public static bool IsUrgent(Severity severity, AlertCategory category) =>
        severity == Severity.Critical && category is AlertCategory.IntegrationDown
            or AlertCategory.MerchantsCannotServe or AlertCategory.OrdersBlocked;

    /// <summary>The configuration name of a category, for example <c>orders-blocked</c>.</summary>
    public static string ToName(this AlertCategory category) =>
        CategoryNames.First(c => c.Category == category).Name;

    /// <summary>The configuration name of a severity, for example <c>critical</c>.</summary>
    public static string ToName(this Severity severity) =>
        SeverityNames.First(s => s.Severity == severity).Name;

    /// <summary>Parses a category name (case-insensitive).</summary>
    public static bool TryParseCategory(string? name, [NotNullWhen(true)] out AlertCategory? category)
    {
        foreach (var (value, text) in CategoryNames)
        {
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase))
            {
                category = value;
                return true;
            }
        }

        category = null;
        return false;
    }

    /// <summary>Parses a severity name (case-insensitive).</summary>
    public static bool TryParseSeverity(string? name, [NotNullWhen(true)] out Severity? severity)
    {
        foreach (var (value, text) in SeverityNames)
        {
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase))
            {
                severity = value;
                return true;
            }
        }

        severity = null;
        return false;
    }
}
