using Monitor.Rules.Evaluation;
using NetArchTest.Rules;
using Xunit.Abstractions;

namespace Monitor.Tests.Architecture;

/// <summary>
/// Folders depend one way, in the order of the data path, and the rules engine stands on the BCL alone.
/// The feature folders of the daemon are its namespaces under <c>Monitor</c>.
/// </summary>
public sealed class FolderDependencyTests(ITestOutputHelper output)
{
    /// <summary>
    /// The composition root: it binds every feature's options and wires the host and command line, so it may
    /// use any feature. Configuration declares <c>MonitorOptions</c>, which holds every feature's section, so edges
    /// into it are not counted as a feature's dependency (which services take whole sections is checked by
    /// <see cref="OptionsSectionTests"/>).
    /// </summary>
    private static readonly string[] Root = ["Configuration", "Hosting", "Cli"];

    private static readonly System.Reflection.Assembly Daemon = typeof(Monitor.Hosting.MonitorHost).Assembly;

    private static List<string> Folders() =>
        [.. Daemon.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith("Monitor.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[1]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static Dictionary<string, List<string>> Graph()
    {
        var folders = Folders();
        var graph = folders.ToDictionary(f => f, _ => new List<string>());
        foreach (var from in folders)
        {
            foreach (var to in folders.Where(t => t != from))
            {
                var result = Types.InAssembly(Daemon).That().ResideInNamespace("Monitor." + from)
                    .ShouldNot().HaveDependencyOn("Monitor." + to).GetResult();
                if (!result.IsSuccessful)
                {
                    graph[from].Add(to);
                }
            }
        }

        return graph;
    }

    [Fact]
    public void Features_HaveNoDependencyCycle()
    {
        var graph = Graph();
        foreach (var (from, to) in graph)
        {
            output.WriteLine($"{from} -> {string.Join(", ", to)}");
        }

        var features = graph.Where(g => !Root.Contains(g.Key)).ToDictionary(g => g.Key, g => g.Value.Where(t => !Root.Contains(t)).ToList());
        var cycles = Cycles(features);
        Assert.True(cycles.Count == 0, "dependency cycles between feature folders: " + string.Join("; ", cycles.Select(c => string.Join(" -> ", c))));
        Assert.All(graph.Where(g => !Root.Contains(g.Key)), g => Assert.DoesNotContain("Hosting", g.Value));
        Assert.All(graph.Where(g => !Root.Contains(g.Key)), g => Assert.DoesNotContain("Cli", g.Value));
    }

    [Fact]
    public void Incidents_KnowNothingOfWeb_AndNotificationsNothingOfIncidents()
    {
        Assert.True(Types.InAssembly(Daemon).That().ResideInNamespace("Monitor.Incidents").ShouldNot().HaveDependencyOn("Monitor.Web").GetResult().IsSuccessful);
        Assert.True(Types.InAssembly(Daemon).That().ResideInNamespace("Monitor.Notifications").ShouldNot().HaveDependencyOn("Monitor.Incidents").GetResult().IsSuccessful);
    }

    [Fact]
    public void Rules_ReferenceNothingBeyondTheBcl()
    {
        var rules = typeof(RuleEngine).Assembly;
        Assert.All(rules.GetReferencedAssemblies(), a => Assert.True(a.Name is "netstandard" || a.Name!.StartsWith("System", StringComparison.Ordinal),
            $"Monitor.Rules references {a.Name}"));
        Assert.True(Types.InAssembly(rules).ShouldNot().HaveDependencyOnAny("Microsoft.Extensions", "Quartz", "MailKit", "Prometheus", "Polly").GetResult().IsSuccessful);
    }

    /// <summary>Each strongly connected group of more than one folder, as a path.</summary>
    private static List<List<string>> Cycles(Dictionary<string, List<string>> graph)
    {
        var index = 0;
        var stack = new Stack<string>();
        var indices = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var found = new List<List<string>>();

        void Visit(string v)
        {
            indices[v] = low[v] = index++;
            stack.Push(v);
            foreach (var w in graph[v])
            {
                if (!indices.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (stack.Contains(w))
                {
                    low[v] = Math.Min(low[v], indices[w]);
                }
            }

            if (low[v] == indices[v])
            {
                var group = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    group.Add(w);
                }
                while (w != v);
                if (group.Count > 1)
                {
                    found.Add(group);
                }
            }
        }

        foreach (var v in graph.Keys.Where(v => !indices.ContainsKey(v)))
        {
            Visit(v);
        }

        return found;
    }
}
