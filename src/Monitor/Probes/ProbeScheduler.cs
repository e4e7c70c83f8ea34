using Monitor.Configuration;
using Quartz;

namespace Monitor.Probes;

/// <summary>When one target runs: its interval, or its cron when set.</summary>
internal readonly record struct ProbeSchedule(string Name, string Interval, string? Cron)
{
    /// <summary>Every target's schedule in <paramref name="targets"/>.</summary>
    public static IEnumerable<ProbeSchedule> Of(TargetsOptions targets) =>
        targets.Http.Select(t => new ProbeSchedule(t.Name, t.Interval, t.Cron))
            .Concat(targets.Feeds.Select(f => new ProbeSchedule(f.Name, f.Interval, f.Cron)));
}

/// <summary>
/// Schedules one Quartz job per target at its interval or cron, with a random start offset so that
/// many targets with one interval do not all fire in the same second.
/// </summary>
internal sealed partial class ProbeScheduler(
    ISchedulerFactory factory, TargetsOptions targets, ProbeCatalog catalog, TimeProvider time, ILogger<ProbeScheduler> logger) : IHostedService
{
    public const string Group = "probes";

    /// <summary>The most probe runs in flight at once; a run past it waits for one to end.</summary>
    public const int MaxRunning = 1000;

    /// <summary>The most triggers the scheduler thread fires in one round.</summary>
    public const int MaxBatch = 100;

    /// <summary>How early a trigger may fire to join the round of one due before it. Its schedule is unchanged.</summary>
    public static readonly TimeSpan FireAhead = TimeSpan.FromMilliseconds(500);

    /// <summary>The largest random start offset.</summary>
    private static readonly TimeSpan MaxJitter = TimeSpan.FromSeconds(10);

    public Task StartAsync(CancellationToken cancellationToken) => ScheduleAsync(ProbeSchedule.Of(targets), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Schedules each target's job, replacing any job of the same name (its next run follows the new schedule).</summary>
    public async Task ScheduleAsync(IEnumerable<ProbeSchedule> schedules, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        foreach (var (name, interval, cron) in schedules)
        {
            if (!catalog.TryGet(name, out _))
            {
                continue;
            }

            var job = JobBuilder.Create<ProbeJob>()
                .WithIdentity(name, Group)
                .UsingJobData(ProbeJob.TargetKey, name)
                .Build();
            var trigger = TriggerBuilder.Create().WithIdentity(name, Group);
            if (!string.IsNullOrWhiteSpace(cron))
            {
                trigger = trigger.WithCronSchedule(cron, c => c.WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing));
            }
            else
            {
                var every = Duration.Parse(interval);
                var jitter = TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * Math.Min(every.Ticks, MaxJitter.Ticks) / 2));
                trigger = trigger
                    .StartAt(time.GetUtcNow() + jitter)
                    .WithSimpleSchedule(s => s.WithInterval(every).RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount));
            }

            await scheduler.ScheduleJob(job, trigger.Build(), ScheduleJobOptions.Replacing, cancellationToken);
            LogScheduled(name, cron ?? interval);
        }
    }

    /// <summary>Removes the jobs of these targets; a run in progress finishes.</summary>
    public async Task UnscheduleAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        foreach (var name in names)
        {
            if (await scheduler.DeleteJob(new JobKey(name, Group), cancellationToken))
            {
                LogUnscheduled(name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Probe {Target} scheduled every {Schedule}")]
    private partial void LogScheduled(string target, string schedule);

    [LoggerMessage(Level = LogLevel.Information, Message = "Probe {Target} no longer scheduled")]
    private partial void LogUnscheduled(string target);
}
