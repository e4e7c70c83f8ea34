using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Hosting.Reload;
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
        Assert.Equal("no target or rule changed", plan.Describe());
    }

    private static MonitorOptions Options(params (string Name, string Interval)[] targets) => new()
    {
        Targets = new TargetsOptions { Http = [.. targets.Select(t => new HttpTargetOptions { Name = t.Name, Url = "http://127.0.0.1/", Interval = t.Interval })] },
    };
}
