using Monitor.Configuration;

namespace Monitor.Tests.Architecture;

/// <summary>
/// Each service takes the options section it uses, not the whole configuration: a service that reads only the
/// contacts says so in its constructor, and a test can build it from that section alone.
/// </summary>
public sealed class OptionsSectionTests
{
    /// <summary>Feature folders whose services take their own sections.</summary>
    private static readonly string[] Sectioned = ["Agent", "Alerting", "Incidents", "Ingest", "Metrics", "Notifications", "Probes", "Storage", "Web"];

    /// <summary>
    /// The one binder of the lifecycle's settings: it reads the routes, problems, contacts, cases, targets and rules
    /// together, once at start and again on a reload.
    /// </summary>
    private static readonly Type[] Binders = [typeof(Monitor.Incidents.Lifecycle.IncidentSettings)];

    [Fact]
    public void Services_OfSectionedFolders_TakeNoWholeConfiguration()
    {
        var offenders = typeof(Monitor.Hosting.MonitorHost).Assembly.GetTypes()
            .Where(t => t.Namespace is { } n && Sectioned.Any(f => n == "Monitor." + f || n.StartsWith("Monitor." + f + ".", StringComparison.Ordinal)))
            .Where(t => !Binders.Contains(t))
            .Where(t => t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(MonitorOptions))))
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(offenders.Count == 0, "constructors that take MonitorOptions instead of their section: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Services_OfSectionedFolders_ExistToBeChecked()
    {
        var checkedTypes = typeof(Monitor.Hosting.MonitorHost).Assembly.GetTypes()
            .Count(t => t.Namespace is { } n && Sectioned.Any(f => n.StartsWith("Monitor." + f, StringComparison.Ordinal)) && t.GetConstructors().Length > 0);

        Assert.True(checkedTypes > 50, $"only {checkedTypes} types found in the sectioned folders");
    }
}
