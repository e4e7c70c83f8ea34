namespace Monitor.Rules.Alerts;

/// <summary>The lifecycle state of one alert series.</summary>
public enum AlertState
{
    /// <summary>The condition does not hold.</summary>
    Inactive = 0,

    /// <summary>The condition holds but not yet for the rule's <c>for</c> duration.</summary>
    Pending = 1,

    /// <summary>The alert is firing.</summary>
    Firing = 2,
}
