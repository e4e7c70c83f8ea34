using Monitor.Tests.TestSupport;
using Monitor.Tests.Web;

namespace Monitor.Tests.Metrics;

/// <summary>
/// <c>monitor demo</c> on the shipped demo config, scraped every second by a real Prometheus with the
/// shipped scrape config and alerting rules. The partner's checkout fails from the first second and
/// keeps failing, so alerts fire, an incident opens and the urgent case is sent; its feed and HTTPS
/// health check run every two seconds; one batch of real traffic is ingested.
/// </summary>
public sealed class PrometheusFixture : IAsyncLifetime
{
    internal DemoRun Demo { get; private set; } = null!;

    internal RealPrometheus Prometheus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (ExternalTool.Find("prometheus") is null)
        {
            return;
        }

        Demo = await DemoRun.StartAsync(
            ["--fail-after", "1s", "--fail-for", "10m", "--duration", "10m"],
            ("interval: 2s", "interval: 500ms"),
            ("interval: 10s", "interval: 2s"),
            ("interval: 30s", "interval: 2s"));
        using var ingested = await Demo.IngestAsync(
            """{"action":"submit_order","restaurantId":"r1","status":200}""",
            """{"action":"submit_order","restaurantId":"r2","status":500}""",
            "{not json");
        Assert.True(ingested.IsSuccessStatusCode, $"ingest answered {ingested.StatusCode}");
        Prometheus = await RealPrometheus.StartAsync(Demo.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        if (Demo is not null)
        {
            await Demo.DisposeAsync();
        }
    }
}
