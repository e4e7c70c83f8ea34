using System.Text.Json;

namespace Monitor.Tests.Metrics;

/// <summary>The shipped Grafana dashboard imports anywhere: datasource chosen by a variable, panels well-formed.</summary>
public sealed class GrafanaDashboardTests
{
    private static JsonElement Dashboard()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RealPrometheus.RepositoryRoot(), "config", "grafana", "monitor-dashboard.json")));
        return document.RootElement.Clone();
    }

    [Fact]
    public void Dashboard_Shipped_UsesADatasourceVariableInEveryPanelAndQuery()
    {
        var dashboard = Dashboard();

        var variables = dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().ToList();
        var datasource = Assert.Single(variables, v => v.GetProperty("type").GetString() == "datasource");
        Assert.Equal("prometheus", datasource.GetProperty("query").GetString());
        var panels = dashboard.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();
        Assert.All(panels, p =>
        {
            Assert.Equal("${datasource}", p.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.All(p.GetProperty("targets").EnumerateArray(), t => Assert.Equal("${datasource}", t.GetProperty("datasource").GetProperty("uid").GetString()));
        });
        Assert.DoesNotContain("__inputs", dashboard.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboard_Shipped_HasUniqueIdsNoOverlapsAndTheSectionsPeopleLookFor()
    {
        var dashboard = Dashboard();
        var panels = dashboard.GetProperty("panels").EnumerateArray().ToList();

        Assert.Equal("monitor-ordering", dashboard.GetProperty("uid").GetString());
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        var cells = new HashSet<(int, int)>();
        foreach (var panel in panels)
        {
            var grid = panel.GetProperty("gridPos");
            int x = grid.GetProperty("x").GetInt32(), y = grid.GetProperty("y").GetInt32(), w = grid.GetProperty("w").GetInt32(), h = grid.GetProperty("h").GetInt32();
            Assert.True(x + w <= 24, $"panel '{panel.GetProperty("title")}' is wider than the grid");
            for (var i = x; i < x + w; i++)
            {
                for (var j = y; j < y + h; j++)
                {
                    Assert.True(cells.Add((i, j)), $"panel '{panel.GetProperty("title")}' overlaps another at {i},{j}");
                }
            }
        }

        var rows = panels.Where(p => p.GetProperty("type").GetString() == "row").Select(p => p.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Overview", "Errors", "Probes", "Feeds", "Real traffic", "Incidents and delivery"], rows);
        var titles = panels.Select(p => p.GetProperty("title").GetString()).ToList();
        Assert.Contains("Error ratio per signal", titles);
        Assert.Contains("Error-budget burn rate (objective $objective)", titles);
        Assert.Contains("Probe latency (p50, p95) and DNS / connect time", titles);
        Assert.Contains("Feed age (since last publication)", titles);
        Assert.Contains("Entities per type", titles);
        Assert.Contains("Incidents by severity and category", titles);
        Assert.Contains("Notifications by channel and outcome", titles);
    }
}
