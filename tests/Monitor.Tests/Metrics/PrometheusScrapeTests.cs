using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Tests.Web;
using Xunit.Abstractions;

namespace Monitor.Tests.Metrics;

/// <summary>A real Prometheus scrapes a demo run with the shipped config, rules and dashboard queries.</summary>
public sealed partial class PrometheusScrapeTests(PrometheusFixture fixture, ITestOutputHelper output) : IClassFixture<PrometheusFixture>
{
    /// <summary>What the dashboard's variables are replaced with: every job, target and signal; the middle objective.</summary>
    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["__rate_interval"] = "1m",
        ["job"] = ".*",
        ["target"] = ".*",
        ["signal"] = ".*",
        ["objective"] = "0.995",
    };

    [ToolFact("prometheus")]
    public async Task Prometheus_ShippedScrapeConfig_SeesDaemonUpWithMonitorSeries()
    {
        var prometheus = fixture.Prometheus;

        await prometheus.WaitAsync("the monitor target to be up", async () =>
        {
            var targets = await prometheus.GetAsync("api/v1/targets");
            return targets.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .Any(t => t.GetProperty("labels").GetProperty("job").GetString() == "monitor" && t.GetProperty("health").GetString() == "up");
        });
        JsonElement answer = default;
        await prometheus.WaitAsync("monitor_probe_runs_total to have a value", async () =>
        {
            answer = await prometheus.QueryAsync("monitor_probe_runs_total{job=\"monitor\",target=\"checkout\",result=\"failure\"}");
            return Result(answer).GetArrayLength() == 1;
        });

        var series = Result(answer)[0];
        Assert.Equal("acme-ordering", series.GetProperty("metric").GetProperty("project").GetString());
        Assert.True(double.Parse(series.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        var up = await prometheus.QueryAsync("up{job=\"monitor\"}");
        Assert.Equal("1", Result(up)[0].GetProperty("value")[1].GetString());
    }

    [ToolFact("prometheus")]
    public async Task Prometheus_ShippedAlertingRules_LoadAndEvaluateWithoutErrors()
    {
        var prometheus = fixture.Prometheus;
        List<JsonElement> rules = [];

        await prometheus.WaitAsync("every rule to be evaluated", async () =>
        {
            var answer = await prometheus.GetAsync("api/v1/rules");
            rules = [.. answer.GetProperty("data").GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray())];
            return rules.Count > 0 && rules.All(r => r.GetProperty("health").GetString() != "unknown");
        });

        Assert.Equal(17, rules.Count);
        Assert.All(rules, r => Assert.True(r.GetProperty("health").GetString() == "ok",
            $"{r.GetProperty("name")}: {(r.TryGetProperty("lastError", out var e) ? e.GetString() : "")}"));
        // The daemon's own firing alert is mirrored for Alertmanager users.
        await prometheus.WaitAsync("MonitorAlertFiring to fire", async () =>
        {
            var alerts = await prometheus.GetAsync("api/v1/alerts");
            return alerts.GetProperty("data").GetProperty("alerts").EnumerateArray()
                .Any(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "MonitorAlertFiring"
                    && a.GetProperty("labels").GetProperty("rule").GetString() == "checkout-errors"
                    && a.GetProperty("state").GetString() == "firing");
        });
    }

    [ToolFact("prometheus")]
    public async Task Promtool_DemoRunScrape_ReportsNothing()
    {
        // Once the demo exports every family: TLS, feeds, NaN rule values, burn rates, cases.
        var text = "";
        await fixture.Prometheus.WaitAsync("the demo to export TLS, feed, burn-rate and case series", async () =>
        {
            text = await fixture.Demo.ScrapeAsync();
            return new[] { "monitor_tls_cert_expiry_timestamp_seconds{", "monitor_feed_restaurants_dropped{", "monitor_rule_burn_rate{", "monitor_cases_total{", " NaN\n" }
                .All(family => text.Contains(family, StringComparison.Ordinal));
        });

        var run = await ExternalTool.RunAsync("promtool", ["check", "metrics"], TimeSpan.FromSeconds(30), text);

        Assert.True(run.ExitCode == 0 && run.Output.Length == 0 && run.Error.Length == 0,
            $"promtool check metrics (exit {run.ExitCode}):\n{run.Output}{run.Error}");
    }

    [ToolFact("prometheus")]
    public async Task Prometheus_EveryGrafanaPanelQuery_ParsesAndReturnsDataAfterADemoRun()
    {
        var prometheus = fixture.Prometheus;
        var queries = PanelQueries();
        Assert.True(queries.Count >= 25, $"only {queries.Count} panel queries found");

        foreach (var (panel, expr) in queries)
        {
            var promql = Substitute(expr);
            var answer = await prometheus.QueryAsync(promql);
            Assert.True(answer.GetProperty("status").GetString() == "success",
                $"panel '{panel}': {promql}\n{(answer.TryGetProperty("error", out var error) ? error.GetString() : answer.ToString())}");

            await prometheus.WaitAsync($"panel '{panel}' to return data: {promql}", async () => Result(await prometheus.QueryAsync(promql)).GetArrayLength() > 0);
        }

        output.WriteLine($"all {queries.Count} panel queries returned data");
    }

    /// <summary>Every (panel title, expr) in the dashboard, including panels nested in collapsed rows.</summary>
    internal static List<(string Panel, string Expr)> PanelQueries()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RealPrometheus.RepositoryRoot(), "config", "grafana", "monitor-dashboard.json")));
        var queries = new List<(string, string)>();
        Collect(document.RootElement.GetProperty("panels"), queries);
        return queries;
    }

    private static void Collect(JsonElement panels, List<(string, string)> queries)
    {
        foreach (var panel in panels.EnumerateArray())
        {
            if (panel.TryGetProperty("panels", out var nested))
            {
                Collect(nested, queries);
            }

            if (panel.TryGetProperty("targets", out var targets))
            {
                foreach (var target in targets.EnumerateArray())
                {
                    queries.Add((panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!));
                }
            }
        }
    }

    private static string Substitute(string expr) => VariableReference().Replace(expr, m =>
        Variables.TryGetValue(m.Groups["name"].Value, out var value)
            ? value
            : throw new InvalidOperationException($"the dashboard uses ${m.Groups["name"].Value}, unknown to this test"));

    private static JsonElement Result(JsonElement answer) => answer.GetProperty("data").GetProperty("result");

    [GeneratedRegex(@"\$\{?(?<name>\w+)\}?")]
    private static partial Regex VariableReference();
}
