using Monitor.Tests.Web;

namespace Monitor.Tests.Metrics;

/// <summary>A running daemon whose checkout fails two probes in three, with one feed run and one ingested batch, scraped every second by a real Prometheus.</summary>
public sealed class PrometheusFixture : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private Task _probing = Task.CompletedTask;

    internal RunningMonitor Monitor { get; private set; } = null!;

    internal RealPrometheus Prometheus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (ExternalTool.Find("prometheus") is null)
        {
            return;
        }

        Monitor = await RunningMonitor.StartAsync(withFeed: true);
        await Monitor.MakeAlertFireAsync();
        await Monitor.RunJobAsync(RunningMonitor.Feed);
        using var ingested = await Monitor.IngestAsync(
            """{"action":"submit_order","restaurantId":"r1","status":200}""",
            """{"action":"submit_order","restaurantId":"r2","status":500}""",
            "{not json");
        _probing = ProbeUntilStoppedAsync(_stop.Token);
        Prometheus = await RealPrometheus.StartAsync(Monitor.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _probing;
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        if (Monitor is not null)
        {
            await Monitor.DisposeAsync();
        }

        _stop.Dispose();
    }

    /// <summary>Keeps traffic flowing so rates and ratios have values: two failures, one success, every 250 ms,
    /// so the daemon's alert keeps firing (its threshold is one half).</summary>
    private async Task ProbeUntilStoppedAsync(CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested && i < 2_000; i++)
        {
            try
            {
                await Monitor.ProbeAsync(fail: i % 3 != 2);
                await Task.Delay(250, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
