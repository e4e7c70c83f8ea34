using System.Buffers;

namespace Monitor.Probes.Feed.Validation;

/// <summary>The records of one block, their problems, and the evidence for the problems that may be sampled.</summary>
internal sealed class BlockResult : IDisposable
{
    private LineRecord[]? _records;

    public BlockResult(int capacity) => _records = ArrayPool<LineRecord>.Shared.Rent(Math.Max(capacity, 16));

    public int Count { get; private set; }

    /// <summary>Lines in the block, blank ones included, so line numbers continue across blocks.</summary>
    public int LineCount { get; set; }

    /// <summary>Every problem of every line, in line order; empty for a clean block.</summary>
    public List<FeedIssue> Issues { get; } = [];

    /// <summary>The references of every line beyond its first two, in line order.</summary>
    public List<EntityRef> ExtraRefs { get; } = [];

    /// <summary>Path, id and excerpt of the issues that may become samples, by issue index.</summary>
    public Dictionary<int, IssueEvidence> Evidence { get; } = [];

    public ReadOnlySpan<LineRecord> Records => _records.AsSpan(0, Count);

    /// <summary>The lines themselves, kept until the result is merged so the tally can quote an <c>@id</c>.</summary>
    public FeedBlock? Block { get; init; }

    /// <summary>The <c>@id</c> of a record as written in its line, or null when it has none.</summary>
    public string? IdOf(in LineRecord rec)
    {
        var raw = IdBytes(rec);
        return raw.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(raw);
    }

    /// <summary>The line's raw <c>@id</c> value; empty when it has none or the block is gone.</summary>
    public ReadOnlySpan<byte> IdBytes(in LineRecord rec)
    {
        if (Block is null || rec.IdLength <= 0)
        {
            return default;
        }

        var data = Block.Data;
        var start = rec.Offset + rec.IdStart;
        return start + rec.IdLength <= data.Length ? data.Slice(start, rec.IdLength) : default;
    }

    public ref LineRecord Add()
    {
        if (Count == _records!.Length)
        {
            var bigger = ArrayPool<LineRecord>.Shared.Rent(Count * 2);
            _records.AsSpan(0, Count).CopyTo(bigger);
            ArrayPool<LineRecord>.Shared.Return(_records, clearArray: true);
            _records = bigger;
        }

        ref var rec = ref _records[Count++];
        rec = default;
        return ref rec;
    }

    public void Dispose()
    {
        Block?.Dispose();
        var r = Interlocked.Exchange(ref _records, null);
        if (r is not null)
        {
            ArrayPool<LineRecord>.Shared.Return(r);
        }
    }
}

/// <summary>What a sample shows of an issue, read from the line while it is at hand.</summary>
internal readonly record struct IssueEvidence(string? Path, string? Id, string Excerpt);
