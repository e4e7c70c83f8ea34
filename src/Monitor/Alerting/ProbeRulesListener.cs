using Monitor.Probes;

namespace Monitor.Alerting;

/// <summary>Turns each probe result into rule inputs and evaluates at once, so detection does not wait for the next tick.</summary>
internal sealed class ProbeRulesListener(AlertEvaluator evaluator) : IProbeListener
{
    public async Task CompletedAsync(ProbeResult result, CancellationToken cancellationToken)
    {
        ProbeSignals.Record(evaluator, result);

        // An HTTP run records only its own signal and its certificate's, so only their alerts are evaluated (with
        // hundreds of targets, not every series on every run); a feed run records many signals.
        if (result.Kind == "http")
        {
            await evaluator.EvaluateSignalsAsync([result.Target, ProbeSignals.TlsPrefix + result.Target], cancellationToken);
        }
        else
        {
            await evaluator.EvaluateAsync(cancellationToken);
        }
    }
}
