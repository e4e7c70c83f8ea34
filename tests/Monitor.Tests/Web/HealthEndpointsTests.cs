using System.Net;

namespace Monitor.Tests.Web;

/// <summary><c>/healthz</c> and <c>/readyz</c> of a running daemon.</summary>
public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Healthz_Running_AnswersOk()
    {
        await using var monitor = await RunningMonitor.StartAsync();

        using var response = await monitor.Http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_BeforeFirstEvaluation_Answers503WithReason()
    {
        await using var monitor = await RunningMonitor.StartAsync();

        using var response = await monitor.Http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("rules not evaluated yet", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_AfterAProbeAndEvaluation_AnswersReady()
    {
        await using var monitor = await RunningMonitor.StartAsync();
        await monitor.ProbeAsync(fail: false);

        using var response = await monitor.Http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready\n", await response.Content.ReadAsStringAsync());
    }
}
