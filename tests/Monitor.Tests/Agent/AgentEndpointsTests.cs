using Microsoft.Extensions.Time.Testing;
using Monitor.Tests.Ingest;

namespace Monitor.Tests.Agent;

public sealed class AgentEndpointsTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private MultiPortTarget _target = null!;
    private AgentTestHost _agent = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _target = await MultiPortTarget.StartAsync(1);
        var config = AgentTestHost.WriteConfig(_folder.PathOf("agent"), "a", _target.Urls[0], ["http://127.0.0.1:9"]);
        _agent = await AgentTestHost.StartAsync(config, new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        _client = new HttpClient { BaseAddress = new Uri(_agent.Url) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _agent.DisposeAsync();
        await _target.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Healthz_AgentRunning_AnswersOk() =>
        Assert.Equal("ok\n", await _client.GetStringAsync("/healthz"));

    [Fact]
    public async Task Metrics_AfterOneRoundWithNoCentral_ShowProbeAndSpool()
    {
        await _agent.ProbeAsync();

        var scrape = await _client.GetStringAsync("/metrics");

        Assert.Contains("monitor_probe_success{target=\"fulfillment\",kind=\"http\"} 1", scrape, StringComparison.Ordinal);
        Assert.Contains("monitor_agent_spool_results 1", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("agent-a-token", scrape, StringComparison.Ordinal);
    }
}
