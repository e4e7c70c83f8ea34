namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// Merges block results in line order: counts, id uniqueness, references and samples.
/// Single-threaded by design; the parallel work is in <see cref="BlockValidator"/>.
/// </summary>
internal sealed class FeedTally(int maxSamples)
{
    private readonly long[] _entities = new long[EntityTypes.Count];
    private readonly long[,] _invalid = new long[EntityTypes.Count, FeedErrors.Count];
    private readonly LongHashSet?[] _ids = new LongHashSet?[EntityTypes.Count];
    private readonly List<PendingRef> _pending = [];
    private readonly List<string> _files = [];
    private readonly List<FeedSampleError> _samples = [];
    private readonly TreeSizes _trees = new();
    private long _fileLine;

    /// <summary>A reference whose target had not been seen yet when its line was merged.</summary>
    private readonly record struct PendingRef(ulong Hash, long Line, int File, EntityType Target, EntityType Source, FeedField Field);

    public long Lines { get; private set; }

    public long Stale { get; private set; }

    public void StartFile(string name)
    {
        _files.Add(name);
        _fileLine = 0;
    }

    public void Merge(BlockResult block)
    {
        var records = block.Records;
        for (var i = 0; i < records.Length; i++)
        {
            ref readonly var rec = ref records[i];
            var type = rec.Type;
            _entities[(int)type]++;
            if (rec.Stale)
            {
                Stale++;
            }

            var error = rec.Error;
            var field = rec.ErrorField;
            if (rec.HasId && type != EntityType.Unknown && !Ids(type).Add(rec.IdHash) && error == FeedError.None)
            {
                error = FeedError.DuplicateId;
                field = FeedField.Id;
            }

            var line = _fileLine + rec.Line;
            if (_trees.Add(rec, out var treeType))
            {
                // The whole tree is rejected; it counts once, against its top-level entity's type.
                _invalid[(int)treeType, (int)FeedError.TreeTooLarge]++;
                AddSample(line, treeType, FeedError.TreeTooLarge, null, null);
            }

            if (error == FeedError.None)
            {
                Check(rec.Ref1, line, type);
                Check(rec.Ref2, line, type);
                continue;
            }

            _invalid[(int)type, (int)error]++;
            if (_samples.Count < maxSamples)
            {
                block.Evidence.TryGetValue(i, out var evidence);
                var fieldName = field == FeedField.Other ? evidence.Field : NullIfEmpty(FeedFields.Name(field));
                AddSample(line, type, error, fieldName, evidence.Excerpt);
            }
        }

        _fileLine += block.LineCount;
        Lines += block.LineCount;
    }

    /// <summary>Settles the references still pending once every line has been seen.</summary>
    public void Complete()
    {
        var lastFile = -1;
        var lastLine = -1L;
        foreach (var p in _pending)
        {
            if (Ids(p.Target).Contains(p.Hash) || (p.File == lastFile && p.Line == lastLine))
            {
                continue;
            }

            lastFile = p.File;
            lastLine = p.Line;
            _invalid[(int)p.Source, (int)FeedError.MissingReference]++;
            if (_samples.Count < maxSamples)
            {
                _samples.Add(new(_files[p.File], p.Line, EntityTypes.Name(p.Source), FeedErrors.Name(FeedError.MissingReference),
                    FeedFields.Name(p.Field), null));
            }
        }

        _pending.Clear();
        _pending.TrimExcess();
    }

    /// <summary>The restaurant id hashes seen, for drop detection.</summary>
    public ulong[] RestaurantIds() => Ids(EntityType.Restaurant).ToArray();

    public IReadOnlyList<FeedSampleError> Samples => _samples;

    public List<FeedTypeSummary> Summaries()
    {
        var list = new List<FeedTypeSummary>(EntityTypes.Count);
        // Known types in schema order, then the lines of no known type.
        for (var i = 1; i <= EntityTypes.Count; i++)
        {
            var t = i % EntityTypes.Count;
            var reasons = new SortedDictionary<string, long>(StringComparer.Ordinal);
            long invalid = 0;
            for (var e = 1; e < FeedErrors.Count; e++)
            {
                if (_invalid[t, e] > 0)
                {
                    reasons[FeedErrors.Name((FeedError)e)] = _invalid[t, e];
                    invalid += _invalid[t, e];
                }
            }

            if (_entities[t] > 0 || t != (int)EntityType.Unknown)
            {
                list.Add(new(EntityTypes.Name((EntityType)t), _entities[t], invalid, reasons));
            }
        }

        return list;
    }

    private void AddSample(long line, EntityType type, FeedError error, string? field, string? excerpt)
    {
        if (_samples.Count < maxSamples)
        {
            _samples.Add(new(_files[^1], line, EntityTypes.Name(type), FeedErrors.Name(error), field, excerpt));
        }
    }

    private void Check(EntityRef r, long line, EntityType source)
    {
        if (r.IsSet && !Ids(r.Target).Contains(r.Hash))
        {
            _pending.Add(new(r.Hash, line, _files.Count - 1, r.Target, source, r.Field));
        }
    }

    private LongHashSet Ids(EntityType type) => _ids[(int)type] ??= new LongHashSet();

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
