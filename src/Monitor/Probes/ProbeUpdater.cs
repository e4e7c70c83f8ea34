using Monitor.Configuration;

namespace Monitor.Probes;

/// <summary>
/// Puts a reloaded config's targets in force: removed targets are unscheduled and their probes disposed, added and
/// changed ones get a new probe and a new schedule. Targets that did not change keep their probe, schedule and state.
/// </summary>
internal sealed class ProbeUpdater(
    ProbeFactory factory, ProbeCatalog catalog, ProbeScheduler scheduler)
{
    public async Task ApplyAsync(
        TargetsOptions next, IReadOnlyCollection<string> removed, IReadOnlyCollection<string> addedOrChanged, CancellationToken cancellationToken)
    {
        await scheduler.UnscheduleAsync(removed, cancellationToken);
        var wanted = addedOrChanged.ToHashSet(StringComparer.Ordinal);
        var probes = next.Http.Where(t => wanted.Contains(t.Name)).Select(factory.Create)
            .Concat(next.Feeds.Where(f => wanted.Contains(f.Name)).Select(factory.Create))
            .ToList();
        catalog.Replace(removed, probes);

        await scheduler.ScheduleAsync(ProbeSchedule.Of(next).Where(s => wanted.Contains(s.Name)), cancellationToken);
    }
}
