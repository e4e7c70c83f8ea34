using Monitor.Probes;

namespace Monitor.Alerting;

/// <summary>Turns each probe result into rule inputs and evaluates at once, so detection does not wait for the next tick.</summary>
internal sealed class ProbeRulesListener(AlertEvaluator evaluator) : IProbeListener
{
    public async Task CompletedAsync(ProbeResult result, CancellationToken cancellationToken)
    {
        ProbeSignals.Record(evaluator, result);
        await evaluator.EvaluateAsync(cancellationToken);
    }
}
