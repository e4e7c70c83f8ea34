using Monitor.Rules.Alerts;

namespace Monitor.Rules.Incidents;

/// <summary>
/// How bad an incident is: the severity and category of its worst firing alert. Severity comes first
/// (critical, major, minor, info), then the category (integration-down, merchants-cannot-serve,
/// orders-blocked, technical-support, none), so one level is worse than another by <see cref="Rank"/>.
/// </summary>
/// <param name="Severity">The severity.</param>
/// <param name="Category">The support category.</param>
public readonly record struct IncidentLevel(Severity Severity, AlertCategory Category)
{
    /// <summary>Critical and of one of the three urgent categories.</summary>
    public bool IsUrgent => AlertClassification.IsUrgent(Severity, Category);

    /// <summary>A number that orders levels: higher is worse.</summary>
    public int Rank => ((int)Severity * 10) + CategoryRank(Category);

    /// <summary>True when this level is worse than <paramref name="other"/>.</summary>
    public bool IsWorseThan(IncidentLevel other) => Rank > other.Rank;

    /// <summary>The worse of two levels.</summary>
    public static IncidentLevel Worst(IncidentLevel a, IncidentLevel b) => b.IsWorseThan(a) ? b : a;

    private static int CategoryRank(AlertCategory category) => category switch
    {
        AlertCategory.IntegrationDown => 4,
        AlertCategory.MerchantsCannotServe => 3,
        AlertCategory.OrdersBlocked => 2,
        AlertCategory.TechnicalSupport => 1,
        _ => 0,
    };

    /// <inheritdoc />
    public override string ToString() => $"{Severity.ToName()} {Category.ToName()}";
}
