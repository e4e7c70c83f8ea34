using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Ingest.Agents;
using Monitor.Tests.Ingest;
using Monitor.Tests.Ingest.Agents;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Agent;

public sealed class AgentResilienceTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private MultiPortTarget _target = null!;

    public async Task InitializeAsync() => _target = await MultiPortTarget.StartAsync(1);

    public async Task DisposeAsync()
    {
        await _target.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Flush_CentralStoppedThenStarted_SpooledResultsArriveInOrderWithNoGap()
    {
        var port = FreePort.Next();
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var central = await CentralTestHost.StartAsync(_folder.PathOf("central"), port: port, time: time);
        var config = AgentTestHost.WriteConfig(_folder.PathOf("agent"), "a", _target.Urls[0], [central.Url]);
        await using var agent = await AgentTestHost.StartAsync(config, time);
        for (var i = 0; i < 3; i++)
        {
            await agent.ProbeAsync();
            Assert.True(await agent.FlushAsync());
            time.Advance(TimeSpan.FromSeconds(10));
        }

        await central.DisposeAsync();

        // A minute without a central: six rounds wait in the spool.
        for (var i = 0; i < 6; i++)
        {
            await agent.ProbeAsync();
            Assert.False(await agent.FlushAsync());
            time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(6, agent.Spool.Count);
        await using var restarted = await CentralTestHost.StartAsync(_folder.PathOf("central"), port: port, time: time);
        Assert.True(await agent.FlushAsync());

        var state = restarted.Board.Agent("a")!;
        var metrics = restarted.Services.GetRequiredService<AgentIngestMetrics>();
        Assert.Equal((6L, 0L, 0L), (state.Accepted, state.Gaps, state.Refused));
        Assert.Equal(0, metrics.Results.WithLabels("a", "duplicate").Value);
        Assert.Equal(0, agent.Spool.Count);
        Assert.Equal(9, agent.Metrics.ResultsSent.Value);
    }

    [Fact]
    public async Task Flush_SpoolFullWhileCentralDown_DropsOldestAndTellsTheCentral()
    {
        var port = FreePort.Next();
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var config = AgentTestHost.WriteConfig(_folder.PathOf("agent"), "a", _target.Urls[0], [$"http://127.0.0.1:{port}"], maxResults: 3);
        await using var agent = await AgentTestHost.StartAsync(config, time);
        for (var i = 0; i < 5; i++)
        {
            await agent.ProbeAsync();
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.False(await agent.FlushAsync());
        await using var central = await CentralTestHost.StartAsync(_folder.PathOf("central"), port: port, time: time);
        Assert.True(await agent.FlushAsync());

        Assert.Equal(2, agent.Metrics.SpoolDropped.Value);
        var state = central.Board.Agent("a")!;
        Assert.Equal((3L, 2L), (state.Accepted, state.Dropped));
        Assert.Equal(0, agent.Spool.UnreportedDrops);
    }

    [Fact]
    public async Task Flush_FirstCentralDown_FailsOverToTheStandby()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var standby = await CentralTestHost.StartAsync(_folder.PathOf("central"), time: time);
        var config = AgentTestHost.WriteConfig(_folder.PathOf("agent"), "a", _target.Urls[0], [$"http://127.0.0.1:{FreePort.Next()}", standby.Url]);
        await using var agent = await AgentTestHost.StartAsync(config, time);

        await agent.ProbeAsync();
        Assert.True(await agent.FlushAsync());

        Assert.Equal(1, agent.Reporter.Current);
        Assert.Equal(1, standby.Board.Agent("a")!.Accepted);
        Assert.Equal(1, agent.Metrics.Reports.WithLabels("0", "unavailable").Value);
    }

    [Fact]
    public async Task Flush_WrongToken_KeepsTheSpool()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var central = await CentralTestHost.StartAsync(_folder.PathOf("central"), time: time);
        var config = AgentTestHost.WriteConfig(_folder.PathOf("agent"), "a", _target.Urls[0], [central.Url], token: "revoked-token-0123456789");
        await using var agent = await AgentTestHost.StartAsync(config, time);

        await agent.ProbeAsync();

        Assert.False(await agent.FlushAsync());
        Assert.Equal(1, agent.Spool.Count);
        Assert.Equal(1, agent.Metrics.Reports.WithLabels("0", "unauthorized").Value);
    }

    [Fact]
    public async Task Agent_KilledAndRestarted_LosesNothingFromItsSpool()
    {
        var port = FreePort.Next();
        var folder = _folder.PathOf("agent");
        var config = AgentTestHost.WriteConfig(folder, "a", _target.Urls[0], [$"http://127.0.0.1:{port}"], interval: "200ms");
        var spool = Path.Combine(folder, "data", "agent-spool");

        using (var first = StartAgentProcess(config))
        {
            await PollAsync(() => Directory.Exists(spool) && Directory.GetFiles(spool, "*.result").Length >= 5, "five results spooled", first);
            first.Kill();
            await first.WaitForExitAsync();
        }

        var spooled = Directory.GetFiles(spool, "*.result").Length;
        await using var central = await CentralTestHost.StartAsync(_folder.PathOf("central"), port: port);
        using var second = StartAgentProcess(config);
        try
        {
            await PollAsync(() => central.Board.Agent("a") is { } s && s.Accepted >= spooled + 2, "the spool and new results at the central", second);
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
        }

        var state = central.Board.Agent("a")!;
        var metrics = central.Services.GetRequiredService<AgentIngestMetrics>();
        Assert.Equal((0L, 0L, 0L), (state.Gaps, state.Refused, state.Dropped));
        Assert.Equal(0, metrics.Results.WithLabels("a", "duplicate").Value);
        Assert.True(state.Accepted >= spooled, $"{state.Accepted} accepted, {spooled} were spooled");
    }

    private static Process StartAgentProcess(string config)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "monitor.dll"), "agent", "--config", config })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task PollAsync(Func<bool> done, string what, Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (!done())
        {
            Assert.False(process.HasExited, $"the agent exited with {(process.HasExited ? process.ExitCode : 0)} before {what}");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
