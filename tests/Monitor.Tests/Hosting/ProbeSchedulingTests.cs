using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Tests.Hosting.Reload;
using Monitor.Probes;
using Monitor.Tests.Probes.Http;
using Quartz;

namespace Monitor.Tests.Hosting;

/// <summary>The daemon's Quartz scheduler as the probes use it, on real loopback targets.</summary>
public sealed class ProbeSchedulingTests
{
    /// <summary>
    /// Probes spend their runs waiting on the network: targets that all hang must all be waited on at once, not ten
    /// at a time (Quartz's default), which with hundreds of targets and a 5 s timeout would take minutes per round.
    /// </summary>
    [Fact]
    public async Task Hanging_targets_are_all_in_flight_at_once()
    {
        const int Targets = 40;
        var inFlight = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/hang", async () =>
        {
            if (Interlocked.Increment(ref inFlight) == Targets)
            {
                allArrived.TrySetResult();
            }

            await release.Task;
            return Results.Ok();
        }));
        var lines = string.Concat(Enumerable.Range(1, Targets).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"      - {{ name: hang-{i}, url: \"{server.Url("/hang")}\", method: POST, cron: \"{ReloadHarness.NoRun}\", timeout: 20s, expect: {{ status: [200] }} }}\n")));
        await using var daemon = await ReloadHarness.StartAsync(_ => lines, ReloadHarness.Rule("hang-errors", "hang-*"));
        var scheduler = await daemon.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        for (var i = 1; i <= Targets; i++)
        {
            await scheduler.TriggerJob(new JobKey($"hang-{i}", ProbeScheduler.Group));
        }

        try
        {
            await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"only {Volatile.Read(ref inFlight)} of {Targets} hanging targets were being probed at once");
        }
        finally
        {
            release.TrySetResult();
        }

        // Released, every run ends and is counted once.
        await ReloadHarness.WaitForAsync(() => Enumerable.Range(1, Targets).Sum(i => daemon.Runs($"hang-{i}")) == Targets);
    }
}
