namespace Monitor.Rules.Alerts;

/// <summary>
/// The support category of an alert. Three of them are the urgent situations of the partner
/// support rules; the others are handled in business hours.
/// </summary>
public enum AlertCategory
{
    /// <summary>No support case is associated.</summary>
    None = 0,

    /// <summary>A problem for standard technical support, in business hours.</summary>
    TechnicalSupport = 1,

    /// <summary>Urgent: the integration does not work.</summary>
    IntegrationDown = 2,

    /// <summary>Urgent: a problem stops most merchants from serving.</summary>
    MerchantsCannotServe = 3,

    /// <summary>Urgent: widespread problems block orders for users.</summary>
    OrdersBlocked = 4,
}
