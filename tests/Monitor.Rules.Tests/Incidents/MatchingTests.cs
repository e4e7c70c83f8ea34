using Monitor.Rules.Alerts;
using Monitor.Rules.Incidents;

namespace Monitor.Rules.Tests.Incidents;

public sealed class MatchingTests
{
    private static AlertMatcher Signals(params string[] globs) => new([], globs, [], [], []);

    [Theory]
    [InlineData("feed:*", "feed:MenuItem", true)]
    [InlineData("feed:*", "feed-age", false)]
    [InlineData("feed*", "feed-age", true)]
    [InlineData("sandbox:?heckout", "sandbox:checkout", true)]
    [InlineData("checkout", "checkout2", false)]
    [InlineData("*", "", true)]
    public void IsMatch_Globs_MatchWholeText(string pattern, string text, bool expected) =>
        Assert.Equal(expected, Glob.IsMatch(pattern, text));

    [Fact]
    public void Find_FirstMatchingProblem_Wins()
    {
        var catalog = new ProblemCatalog([
            new Problem("inventory", "the inventory feeds", [Signals("feed:*", "feed-age")]),
            new Problem("fulfillment", "the fulfillment endpoint", [Signals("checkout", "submit_order"), new AlertMatcher([], [], ["partner-*"], [], [])]),
        ]);

        Assert.Equal("inventory", catalog.Find(new("feed-errors", "feed:Menu", "", AlertCategory.TechnicalSupport, Severity.Major))?.Name);
        Assert.Equal("fulfillment", catalog.Find(new("probe", "partner-health", "partner-health", AlertCategory.IntegrationDown, Severity.Critical))?.Name);
        Assert.Null(catalog.Find(new("rtu", "rtu", "", AlertCategory.TechnicalSupport, Severity.Major)));
        Assert.Equal("fingerprint:abc", catalog.Key(new("rtu", "rtu", "", AlertCategory.TechnicalSupport, Severity.Major), "abc"));
    }

    [Fact]
    public void InhibitedBy_SourceFiringWithEqualProblem_InhibitsTargetOnly()
    {
        var rule = new InhibitRule(new AlertMatcher([], [], [], ["integration-down"], []), new AlertMatcher([], [], [], [], ["major"]), ["problem"]);
        var inhibitor = new Inhibitor([rule]);
        var source = new AlertLabels("probe-down", "partner", "partner", AlertCategory.IntegrationDown, Severity.Critical, "fulfillment");
        var sameProblem = new AlertLabels("checkout-warning", "checkout", "", AlertCategory.TechnicalSupport, Severity.Major, "fulfillment");
        var otherProblem = sameProblem with { Problem = "inventory" };

        Assert.Equal(source, inhibitor.InhibitedBy(sameProblem, [source]));
        Assert.Null(inhibitor.InhibitedBy(otherProblem, [source]));
        Assert.Null(inhibitor.InhibitedBy(source, [source]));
    }

    [Fact]
    public void Resolve_Routes_FirstConfiguredMatchThenDefaults()
    {
        var table = new RouteTable([new RouteRule(new HashSet<Severity> { Severity.Major }, new HashSet<AlertCategory>(), null, new Route(false, false, true, CaseKind.None))]);

        Assert.True(table.Resolve(new IncidentLevel(Severity.Major, AlertCategory.TechnicalSupport)).Digest);
        Assert.Equal(CaseKind.Urgent, table.Resolve(new IncidentLevel(Severity.Critical, AlertCategory.OrdersBlocked)).Case);
        Assert.True(new IncidentLevel(Severity.Critical, AlertCategory.IntegrationDown).IsWorseThan(new IncidentLevel(Severity.Critical, AlertCategory.OrdersBlocked)));
        Assert.True(new IncidentLevel(Severity.Critical, AlertCategory.None).IsWorseThan(new IncidentLevel(Severity.Major, AlertCategory.IntegrationDown)));
    }
}
