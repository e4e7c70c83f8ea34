namespace Monitor.Probes;

/// <summary>
/// Schedules the probes when the host starts. The scheduler itself is a singleton the config reloader also uses;
/// this registration is what a host that drives probes by hand (a test, a replay) leaves out.
/// </summary>
internal sealed class ProbeSchedulerStart(ProbeScheduler scheduler) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => scheduler.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => scheduler.StopAsync(cancellationToken);
}
