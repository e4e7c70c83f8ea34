using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Monitor.Alerting;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;

namespace Monitor.Tests.RuleTesting;

// RuleFactory lives in src/Monitor/Alerting; its tests sit here beside the rule files they read.
public sealed class RuleFactoryTests
{
    private static string Canonical(AlertRule rule) =>
        JsonSerializer.Serialize(new { rule.Name, rule.Signal, rule.Severity, rule.Category, rule.For, rule.KeepFiringFor })
        + JsonSerializer.Serialize(rule.Condition, rule.Condition.GetType());

    [Fact]
    public void Create_ShippedPresetsFile_EqualsBuiltInPresets()
    {
        var root = new ConfigurationBuilder().AddYamlFile(Path.Combine(ShippedRuleFiles.Folder, "presets.yaml")).Build();
        var errors = new List<string>();

        var rules = RuleFactory.Create(root.GetSection("rules").Get<List<RuleOptions>>()!, errors);

        Assert.Empty(errors);
        Assert.Equal(RulePresets.Names.Select(n => Canonical(RulePresets.Create(n)!)), rules.Select(Canonical));
    }

    [Fact]
    public void Create_EveryProblem_ReportedWithItsPath()
    {
        var errors = new List<string>();
        RuleOptions[] options =
        [
            new() { Name = "a", Signal = "s", Window = "5x" },
            new() { Name = "b", Signal = "", Kind = "latency", Quantile = 2, Severity = "urgent" },
            new() { Name = "a", Signal = "s" },
            new() { Name = "c", Signal = "s", Kind = "nope", Category = "x" },
            new() { Preset = "missing" },
        ];

        var rules = RuleFactory.Create(options, errors);

        // Rule 2 repeats the name of rule 0: listed too, though rule 0 has a problem of its own.
        Assert.Empty(rules);
        Assert.Contains("monitor:rules:2:name: 'a' is used by an earlier rule", errors);
        Assert.Contains("monitor:rules:0:window: '5x' is not a duration", errors);
        Assert.Contains("monitor:rules:1:signal: is required", errors);
        Assert.Contains(errors, e => e.StartsWith("monitor:rules:1:quantile: 2 must be", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("monitor:rules:1:severity: 'urgent' is not one of", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("monitor:rules:3:kind: 'nope'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("monitor:rules:3:category: 'x'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("monitor:rules:4:preset: 'missing'", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_NoData_KeepByDefaultResolveWhenAskedAndAnythingElseRefused()
    {
        var errors = new List<string>();

        var rules = RuleFactory.Create(
            [new() { Name = "a", Signal = "s" }, new() { Name = "b", Signal = "s", NoData = "Resolve" }, new() { Preset = "checkout-errors", NoData = "resolve" }],
            errors);
        var refused = RuleFactory.Create([new() { Name = "c", Signal = "s", NoData = "hold" }], errors);

        Assert.Equal([NoDataPolicy.Keep, NoDataPolicy.Resolve, NoDataPolicy.Resolve], rules.Select(r => r.NoData));
        Assert.Empty(refused);
        Assert.Equal(["monitor:rules:0:noData: 'hold' is not keep or resolve"], errors);
    }

    [Fact]
    public void Create_DuplicateName_Reported()
    {
        var errors = new List<string>();
        var rules = RuleFactory.Create([new() { Name = "a", Signal = "s" }, new() { Name = "a", Signal = "t" }], errors);

        Assert.Single(rules);
        Assert.Equal(["monitor:rules:1:name: 'a' is used by an earlier rule"], errors);
    }

    [Theory]
    [InlineData("error-ratio", typeof(ErrorRatioCondition))]
    [InlineData("burn-rate", typeof(BurnRateCondition))]
    [InlineData("spike", typeof(SpikeCondition))]
    [InlineData("latency", typeof(LatencyQuantileCondition))]
    [InlineData("freshness", typeof(FreshnessCondition))]
    [InlineData("count-drop", typeof(CountDropCondition))]
    [InlineData("absence", typeof(AbsenceCondition))]
    public void Create_EachKindWithDefaults_BuildsItsCondition(string kind, Type expected)
    {
        var errors = new List<string>();
        var rule = RuleFactory.Create(new RuleOptions { Name = "r", Signal = "s", Kind = kind, Severity = "critical", Category = "orders-blocked" }, "p", errors);

        Assert.Empty(errors);
        Assert.IsType(expected, rule!.Condition);
        Assert.True(AlertClassification.IsUrgent(rule.Severity, rule.Category));
    }

    [Fact]
    public void Create_PresetWithNameAndSignal_OverridesBoth()
    {
        var rule = RuleFactory.Create(new RuleOptions { Preset = "checkout-errors", Name = "mine", Signal = "orders" }, "p", new List<string>());

        Assert.Equal(("mine", "orders"), (rule!.Name, rule.Signal));
    }
}
