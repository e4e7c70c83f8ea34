namespace Monitor.Ingest.Parsing;

/// <summary>The refused lines of a batch: the total, per reason, and the first few with line numbers.</summary>
internal sealed class BatchErrors(int keep = BatchErrors.DefaultKeep)
{
    public const int DefaultKeep = 10;

    private readonly long[] _byReason = new long[Enum.GetValues<RejectReason>().Length];
    private readonly List<LineError> _first = [];

    public long Count { get; private set; }

    public IReadOnlyList<LineError> First => _first;

    public long CountOf(RejectReason reason) => _byReason[(int)reason];

    public void Add(long line, RejectReason reason, string? message)
    {
        Count++;
        _byReason[(int)reason]++;
        if (_first.Count < keep)
        {
            _first.Add(new LineError(line, reason, message ?? reason.ToLabel()));
        }
    }

    /// <summary>Adds another batch's errors after this one's (used when parts of a chunk are parsed in parallel).</summary>
    public void Add(BatchErrors other)
    {
        Count += other.Count;
        for (var i = 0; i < _byReason.Length; i++)
        {
            _byReason[i] += other._byReason[i];
        }

        _first.AddRange(other._first.Take(keep - _first.Count));
    }

    public void Clear()
    {
        Count = 0;
        Array.Clear(_byReason);
        _first.Clear();
    }
}
