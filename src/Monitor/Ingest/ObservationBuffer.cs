using System.Buffers;
using Monitor.Ingest.Parsing;
using Monitor.Rules.Observations;

namespace Monitor.Ingest;

/// <summary>
/// A batch of parsed observations in a pooled array, with per-signal success and failure counts for
/// the metrics (one counter update per signal per batch, not per line). Return it with <see cref="Dispose"/>.
/// </summary>
internal sealed class ObservationBuffer : IDisposable
{
    private Observation[] _items;
    private readonly long[] _successes;
    private readonly long[] _failures;

    public ObservationBuffer(int signalCount, int initialCapacity = 1024)
    {
        _items = ArrayPool<Observation>.Shared.Rent(initialCapacity);
        _successes = new long[signalCount];
        _failures = new long[signalCount];
    }

    public int Count { get; private set; }

    public ReadOnlySpan<Observation> Items => _items.AsSpan(0, Count);

    public long Successes(int signalIndex) => _successes[signalIndex];

    public long Failures(int signalIndex) => _failures[signalIndex];

    public void Add(in ParsedOutcome outcome, ActionCatalog actions)
    {
        if (Count == _items.Length)
        {
            var larger = ArrayPool<Observation>.Shared.Rent(_items.Length * 2);
            Items.CopyTo(larger);
            ArrayPool<Observation>.Shared.Return(_items, clearArray: true);
            _items = larger;
        }

        var observation = OutcomeSemantics.ToObservation(outcome, actions);
        _items[Count++] = observation;
        var signal = OutcomeSemantics.SignalIndex(outcome, actions);
        if (observation.Success)
        {
            _successes[signal]++;
        }
        else
        {
            _failures[signal]++;
        }
    }

    public void Clear()
    {
        Array.Clear(_items, 0, Count);
        Count = 0;
        Array.Clear(_successes);
        Array.Clear(_failures);
    }

    public void Dispose()
    {
        // Cleared so pooled arrays do not keep restaurant strings alive.
        ArrayPool<Observation>.Shared.Return(_items, clearArray: true);
        _items = [];
        Count = 0;
    }
}
