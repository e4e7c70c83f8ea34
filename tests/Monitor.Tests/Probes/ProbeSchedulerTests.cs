using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitor.Configuration;
using Monitor.Probes;
using Monitor.Probes.Http;
using Quartz;

namespace Monitor.Tests.Probes;

public sealed class ProbeSchedulerTests
{
    // Quartz moves a start time that lies in the past up to its own clock: the fake clock runs ahead of it.
    private static readonly DateTimeOffset Start = new(2040, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ProbeStartSpread_500TargetsEvery30s_OneStartEvery60msAcrossTheInterval()
    {
        var offsets = ProbeStartSpread.Of(Enumerable.Range(1, 500).Select(i => ($"t-{i}", TimeSpan.FromSeconds(30))));

        Assert.Equal(TimeSpan.Zero, offsets["t-1"]);
        Assert.Equal(TimeSpan.FromMilliseconds(60), offsets["t-2"]);
        Assert.Equal(TimeSpan.FromMilliseconds(499 * 60), offsets["t-500"]);
        Assert.Equal(500, offsets.Values.Distinct().Count());
    }

    [Fact]
    public void ProbeStartSpread_FewTargets_StartWithinAFractionOfASecond()
    {
        var offsets = ProbeStartSpread.Of([("a", TimeSpan.FromMinutes(5)), ("b", TimeSpan.FromMinutes(5)), ("c", TimeSpan.FromMinutes(5))]);

        Assert.Equal([TimeSpan.Zero, ProbeStartSpread.MaxGap, 2 * ProbeStartSpread.MaxGap], [offsets["a"], offsets["b"], offsets["c"]]);
    }

    [Fact]
    public void ProbeStartSpread_TwoIntervals_EachSpreadOnItsOwn()
    {
        var offsets = ProbeStartSpread.Of([("fast-1", TimeSpan.FromSeconds(1)), ("slow", TimeSpan.FromHours(1)), ("fast-2", TimeSpan.FromSeconds(1))]);

        Assert.Equal(TimeSpan.Zero, offsets["fast-1"]);
        Assert.Equal(TimeSpan.FromMilliseconds(100), offsets["fast-2"]);
        Assert.Equal(TimeSpan.Zero, offsets["slow"]);
    }

    [Fact]
    public async Task ScheduleAsync_ManyTargetsOneInterval_FirstRunsSpreadFromNowAndThenEveryInterval()
    {
        var time = new FakeTimeProvider(Start);
        var targets = new TargetsOptions
        {
            Http = [.. Enumerable.Range(1, 300).Select(i => new HttpTargetOptions { Name = $"t-{i}", Url = $"http://127.0.0.1/{i}", Interval = "30s" })],
        };
        var (scheduler, quartz) = await CreateAsync(targets, time);

        await scheduler.StartAsync(CancellationToken.None);

        var first = await StartOfAsync(quartz, "t-1");
        var second = await StartOfAsync(quartz, "t-2");
        var last = await StartOfAsync(quartz, "t-300");
        Assert.Equal(Start, first);
        Assert.Equal(Start.AddMilliseconds(100), second);
        Assert.Equal(Start.AddMilliseconds(299 * 100), last);
        var trigger = (ISimpleTrigger)(await quartz.GetTrigger(new TriggerKey("t-300", ProbeScheduler.Group)))!;
        Assert.Equal(TimeSpan.FromSeconds(30), trigger.RepeatInterval);
        await quartz.Shutdown();
    }

    private static async Task<DateTimeOffset> StartOfAsync(IScheduler quartz, string target) =>
        (await quartz.GetTrigger(new TriggerKey(target, ProbeScheduler.Group)))!.StartTimeUtc;

    private static async Task<(ProbeScheduler Scheduler, IScheduler Quartz)> CreateAsync(TargetsOptions targets, TimeProvider time)
    {
        var services = new ServiceCollection().AddLogging()
            .AddQuartz(q => q.ConfigureScheduler(s => s.InstanceName = "probe-scheduler-test-" + Guid.NewGuid()))
            .BuildServiceProvider();
        var factory = services.GetRequiredService<ISchedulerFactory>();
        var catalog = new ProbeCatalog(targets.Http.Select(t => (IProbe)new IdleProbe(t.Name)));
        var scheduler = new ProbeScheduler(factory, targets, catalog, time, NullLogger<ProbeScheduler>.Instance);
        return (scheduler, await factory.GetScheduler());
    }

    private sealed class IdleProbe(string name) : IProbe
    {
        public string Name => name;

        public string Kind => "http";

        public Task<ProbeResult> RunAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("not run in these tests");
    }
}
