using Monitor.Alerting;

namespace Monitor.Ingest;

/// <summary>
/// Moves accepted batches from the queue into the rules. At shutdown it records whatever is still
/// queued before it stops, so a batch answered as accepted is always counted.
/// </summary>
internal sealed class IngestPump(IngestQueue queue, AlertEvaluator evaluator, IngestCounters counters) : BackgroundService
{
    /// <summary>Records every queued batch; returns the number of observations recorded.</summary>
    public long Drain()
    {
        long recorded = 0;
        while (queue.Reader.TryRead(out var batch))
        {
            using (batch)
            {
                evaluator.RecordBatch(batch.Items);
                counters.Accepted(batch);
                recorded += batch.Count;
                queue.Release(batch.Count);
            }
        }

        counters.Queued(queue.Depth);
        return recorded;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                Drain();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through and record what was accepted.
        }

        // The web server may still be answering: close first, so nothing is taken after the last drain.
        queue.Close();
        Drain();
    }
}
