using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Hosting.Reload;
using Monitor.Incidents;
using Monitor.Probes.Http;

namespace Monitor.Tests.Hosting.Reload;

public sealed class ReloadPlanTests
{
    [Fact]
    public void Compare_TargetsAndRulesEdited_ListsEachByName()
    {
        var running = Options(("a", "30s"), ("b", "30s"));
        running.Rules = [new RuleOptions { Name = "r1", Signal = "a" }, new RuleOptions { Name = "r2", Signal = "b" }];
        var next = Options(("a", "10s"), ("c", "30s"));
        next.Rules = [new RuleOptions { Name = "r1", Signal = "a" }, new RuleOptions { Name = "r3", Signal = "c" }];

        var plan = ReloadPlan.Compare(running, next);

        Assert.Equal(["c"], plan.AddedTargets);
        Assert.Equal(["b"], plan.RemovedTargets);
        Assert.Equal(["a"], plan.ChangedTargets);
        Assert.Equal(["r3"], plan.AddedRules);
        Assert.Equal(["r2"], plan.RemovedRules);
        Assert.Empty(plan.ChangedRules);
        Assert.Empty(plan.KeptSections);
        Assert.Equal("targets added: c; targets removed: b; targets changed: a; rules added: r3; rules removed: r2", plan.Describe());
    }

    [Fact]
    public void Compare_ListenAndStoreChanged_KeptSectionsNamed()
    {
        var running = Options(("a", "30s"));
        var next = Options(("a", "30s"));
        next.Web.Listen = "http://127.0.0.1:9999";
        next.Storage.Provider = StorageOptions.Postgres;

        var plan = ReloadPlan.Compare(running, next);

        Assert.Equal(["monitor:storage", "monitor:web"], plan.KeptSections.Order(StringComparer.Ordinal));
        Assert.False(plan.ChangesTargets);
        Assert.Equal("no target, rule or setting changed", plan.Describe());
    }

    [Fact]
    public void Compare_ContactsAndIncidentSettingsEdited_ChangedOrKeptBySetting()
    {
        var running = Options(("a", "30s"));
        var next = Options(("a", "30s"));
        next.Contacts.Technical = ["oncall@example.com"];
        next.Incidents.RepeatInterval = "2h";
        next.Incidents.Routes = [new RouteOptions { Severities = ["critical"], Notify = ["emergency"] }];
        next.Incidents.GroupBy = "fingerprint";
        next.Incidents.TickInterval = "10s";

        var plan = ReloadPlan.Compare(running, next);

        Assert.Equal(["monitor:contacts", "monitor:incidents:repeatInterval", "monitor:incidents:routes"], plan.ChangedSettings);
        Assert.Equal(["monitor:incidents:groupBy", "monitor:incidents:tickInterval"], plan.KeptSections.Order(StringComparer.Ordinal));
        Assert.Equal("settings changed: monitor:contacts, monitor:incidents:repeatInterval, monitor:incidents:routes", plan.Describe());
    }

    [Fact]
    public void PutInForce_ReloadableParts_WrittenIntoTheRunningSectionObjects()
    {
        var running = Options(("a", "30s"));
        var contacts = running.Contacts;
        var incidents = running.Incidents;
        var next = Options(("b", "30s"));
        next.Contacts.Emergency = ["pager@example.com"];
        next.Incidents.RepeatInterval = "2h";
        next.Incidents.GroupBy = "fingerprint";
        next.Web.Listen = "http://127.0.0.1:9999";

        ReloadPlan.PutInForce(running, next);

        Assert.Same(contacts, running.Contacts);
        Assert.Same(incidents, running.Incidents);
        Assert.Equal(["pager@example.com"], running.Contacts.Emergency);
        Assert.Equal("2h", running.Incidents.RepeatInterval);
        Assert.Equal("problem", running.Incidents.GroupBy);
        Assert.Equal("b", Assert.Single(running.Targets.Http).Name);
        Assert.Equal("http://127.0.0.1:9464", running.Web.Listen);
    }

    private static MonitorOptions Options(params (string Name, string Interval)[] targets) => new()
    {
        Targets = new TargetsOptions { Http = [.. targets.Select(t => new HttpTargetOptions { Name = t.Name, Url = "http://127.0.0.1/", Interval = t.Interval })] },
    };
}
