using System.Threading.Channels;

namespace Monitor.Ingest;

/// <summary>
/// Between the endpoint and the rules: a channel of whole batches with a capacity counted in
/// observations. A batch reserves room for all its observations before it is accepted, so an answer
/// of "accepted" is never followed by a drop; when there is no room the caller answers 429.
/// </summary>
internal sealed class IngestQueue(int capacity)
{
    private readonly Channel<ObservationBuffer> _channel = Channel.CreateUnbounded<ObservationBuffer>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private long _reserved;

    public int Capacity => capacity;

    /// <summary>Observations accepted and not yet recorded.</summary>
    public long Depth => Interlocked.Read(ref _reserved);

    public ChannelReader<ObservationBuffer> Reader => _channel.Reader;

    /// <summary>Takes the batch when there is room for all of it; false leaves the batch with the caller.</summary>
    public bool TryEnqueue(ObservationBuffer batch)
    {
        var count = batch.Count;
        var current = Interlocked.Read(ref _reserved);
        while (true)
        {
            if (current + count > capacity)
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _reserved, current + count, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }

        // Unbounded writer: TryWrite fails only once the queue is closed for shutdown.
        if (!_channel.Writer.TryWrite(batch))
        {
            Interlocked.Add(ref _reserved, -count);
            return false;
        }

        return true;
    }

    /// <summary>True once <see cref="Close"/> ran: nothing more is taken.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>Refuses new batches; those already taken can still be read.</summary>
    public void Close()
    {
        IsClosed = true;
        _channel.Writer.TryComplete();
    }

    /// <summary>Gives back the room of a batch once it is recorded.</summary>
    public void Release(int count) => Interlocked.Add(ref _reserved, -count);
}
