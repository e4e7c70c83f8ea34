using Monitor.Ingest.Parsing;
using Monitor.Metrics;

namespace Monitor.Ingest;

/// <summary>Updates the ingest metrics once per batch from the batch's own counts.</summary>
internal sealed class IngestCounters(MonitorMetrics metrics, ActionCatalog actions)
{
    public void Accepted(ObservationBuffer batch)
    {
        for (var signal = 0; signal < actions.SignalCount; signal++)
        {
            var (successes, failures) = (batch.Successes(signal), batch.Failures(signal));
            if (successes > 0)
            {
                metrics.IngestLines.WithLabels(actions.SignalName(signal), "success").Inc(successes);
            }

            if (failures > 0)
            {
                metrics.IngestLines.WithLabels(actions.SignalName(signal), "failure").Inc(failures);
            }
        }
    }

    public void Rejected(BatchErrors errors)
    {
        if (errors.Count == 0)
        {
            return;
        }

        foreach (var reason in Enum.GetValues<RejectReason>())
        {
            if (errors.CountOf(reason) is > 0 and var n)
            {
                metrics.IngestRejectedLines.WithLabels(reason.ToLabel()).Inc(n);
            }
        }
    }

    /// <summary>Bytes of a followed file that copy-truncate rotation lost.</summary>
    public void Lost(long bytes) => metrics.IngestTailLostBytes.Inc(bytes);

    public void Request(int statusCode) => metrics.IngestRequests.WithLabels(StatusLabel(statusCode)).Inc();

    public void Queued(long observations) => metrics.IngestQueued.Set(observations);

    private static string StatusLabel(int code) => code.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
