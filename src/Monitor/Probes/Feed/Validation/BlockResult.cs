using System.Buffers;

namespace Monitor.Probes.Feed.Validation;

/// <summary>The records of one block, and the evidence for its first few bad lines.</summary>
internal sealed class BlockResult : IDisposable
{
    private LineRecord[]? _records;

    public BlockResult(int capacity) => _records = ArrayPool<LineRecord>.Shared.Rent(Math.Max(capacity, 16));

    public int Count { get; private set; }

    /// <summary>Lines in the block, blank ones included, so line numbers continue across blocks.</summary>
    public int LineCount { get; set; }

    /// <summary>Field name and text excerpt for the first bad lines, by record index.</summary>
    public Dictionary<int, (string? Field, string Excerpt)> Evidence { get; } = [];

    public ReadOnlySpan<LineRecord> Records => _records.AsSpan(0, Count);

    public ref LineRecord Add()
    {
        if (Count == _records!.Length)
        {
            var bigger = ArrayPool<LineRecord>.Shared.Rent(Count * 2);
            _records.AsSpan(0, Count).CopyTo(bigger);
            ArrayPool<LineRecord>.Shared.Return(_records);
            _records = bigger;
        }

        ref var rec = ref _records[Count++];
        rec = default;
        return ref rec;
    }

    public void Dispose()
    {
        var r = Interlocked.Exchange(ref _records, null);
        if (r is not null)
        {
            ArrayPool<LineRecord>.Shared.Return(r);
        }
    }
}
