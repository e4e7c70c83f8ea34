using Monitor.Rules.Alerts;

namespace Monitor.Rules.Tests.Alerts;

public sealed class AlertClassificationTests
{
    [Theory]
    [InlineData(Severity.Critical, AlertCategory.IntegrationDown, true)]
    [InlineData(Severity.Critical, AlertCategory.MerchantsCannotServe, true)]
    [InlineData(Severity.Critical, AlertCategory.OrdersBlocked, true)]
    [InlineData(Severity.Critical, AlertCategory.TechnicalSupport, false)]
    [InlineData(Severity.Critical, AlertCategory.None, false)]
    [InlineData(Severity.Major, AlertCategory.OrdersBlocked, false)]
    public void IsUrgent_SeverityAndCategory_OnlyCriticalUrgentCategories(Severity severity, AlertCategory category, bool expected) =>
        Assert.Equal(expected, AlertClassification.IsUrgent(severity, category));

    [Theory]
    [InlineData("orders-blocked", AlertCategory.OrdersBlocked)]
    [InlineData("Integration-Down", AlertCategory.IntegrationDown)]
    [InlineData("none", AlertCategory.None)]
    public void TryParseCategory_KnownName_RoundTrips(string name, AlertCategory expected)
    {
        Assert.True(AlertClassification.TryParseCategory(name, out var category));
        Assert.Equal(expected, category);
        Assert.Equal(name.ToLowerInvariant(), category.Value.ToName());
    }

    [Fact]
    public void TryParseSeverity_UnknownName_Fails() =>
        Assert.False(AlertClassification.TryParseSeverity("urgent", out _));
}
