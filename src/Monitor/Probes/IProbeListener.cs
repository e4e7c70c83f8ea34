namespace Monitor.Probes;

/// <summary>
/// Told of every probe result, in registration order. Probes know nothing of what follows them on the data
/// path: the metrics and the rules each listen.
/// </summary>
internal interface IProbeListener
{
    Task CompletedAsync(ProbeResult result, CancellationToken cancellationToken);
}
