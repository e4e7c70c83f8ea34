using Quartz;
using Quartz.Extensibility;

namespace Monitor.Probes;

/// <summary>
/// Gives Quartz the one <see cref="ProbeJob"/> for every firing. The job keeps no state of its own (the target's
/// name comes from the firing's data), so there is nothing to build per run: no container scope, no constructor
/// lookup and no job-data property setting, which the default factory does on each of the hundreds of firings a
/// minute.
/// </summary>
internal sealed class ProbeJobFactory(ProbeJob job) : IJobFactory
{
    public ValueTask<JobScope> CreateJob(TriggerFiredBundle bundle, IScheduler scheduler, CancellationToken cancellationToken) =>
        bundle.JobDetail.JobType.Type == typeof(ProbeJob)
            ? ValueTask.FromResult(new JobScope(job, null))
            : throw new SchedulerException($"no job of type {bundle.JobDetail.JobType.FullName} is known here");

    public ValueTask ReturnJob(JobScope scope, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
