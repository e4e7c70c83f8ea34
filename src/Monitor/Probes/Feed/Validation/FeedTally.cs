namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// Merges block results in line order: counts, id uniqueness, references and samples.
/// Single-threaded by design; the parallel work is in <see cref="BlockValidator"/>.
/// </summary>
internal sealed class FeedTally(int maxSamples, int samplesPerCode)
{
    private readonly long[] _entities = new long[EntityTypes.Count];
    private readonly long[] _invalidEntities = new long[EntityTypes.Count];
    private readonly long[] _warnedEntities = new long[EntityTypes.Count];
    private readonly long[,] _byCode = new long[EntityTypes.Count, FeedErrors.Count];
    private readonly long[] _occurrences = new long[FeedErrors.Count];
    private readonly List<FeedSampleError>[] _codeSamples = [.. Enumerable.Range(0, FeedErrors.Count).Select(_ => new List<FeedSampleError>())];
    private readonly LongHashSet?[] _ids = new LongHashSet?[EntityTypes.Count];

    /// <summary>Per type, the id hash added last (0, which no hash is, before the first): a reference to it needs no lookup.</summary>
    private readonly ulong[] _lastId = new ulong[EntityTypes.Count];

    /// <summary>Each restaurant's Services by type (restaurant id hash combined with the serviceType).</summary>
    private readonly LongHashSet _services = new();
    private readonly List<PendingRef> _pending = [];

    // The referring entities' raw @id bytes, end to end, so a missing reference's sample can name its entity
    // without a string per pending reference (most of them resolve).
    private byte[] _pendingIds = new byte[4096];
    private int _pendingIdBytes;

    // Forward references (a Service naming the Menu written after it) resolve a few lines later; the pending
    // list drops them whenever it reaches this size, so it holds what is really missing, not every forward reference.
    private const int MinSweep = 16384;
    private int _sweepAt = MinSweep;
    private readonly List<string> _files = [];
    private readonly List<FeedSampleError> _samples = [];
    private readonly TreeSizes _trees = new();
    private long _fileLine;
    private ulong _touched; // keeps the touch pass in Prefetch from being optimised away

    /// <summary>A reference whose target had not been seen yet when its line was merged.</summary>
    private readonly record struct PendingRef(
        ulong Hash, long Line, int File, EntityType Target, EntityType Source, string? Property, bool SourceInvalid, int IdStart, int IdLength);

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
        Prefetch(records);
        for (var i = 0; i < records.Length; i++)
        {
            ref readonly var rec = ref records[i];
            var type = rec.Type;
            _entities[(int)type]++;
            if (rec.Stale)
            {
                Stale++;
            }

            var line = _fileLine + rec.Line;
            var codes = rec.Codes;
            var invalid = rec.Error != FeedError.None;
            if (rec.HasId && type != EntityType.Unknown && !AddId(type, rec.IdHash))
            {
                codes |= FeedErrors.Bit(FeedError.DuplicateId);
                invalid = true;
                Occur(FeedError.DuplicateId, line, type, new IssueEvidence("@id", WantsSample(FeedError.DuplicateId) ? block.IdOf(rec) : null, ""),
                    hasEvidence: false);
            }

            if (rec.ServiceType != 0 && type == EntityType.Service && RestaurantOf(rec) is { } restaurant
                && !_services.Add(IdHash.Combine(restaurant, rec.ServiceType)))
            {
                // Google takes at most one TAKEOUT and one DELIVERY Service per restaurant: the second is at fault.
                codes |= FeedErrors.Bit(FeedError.DuplicateService);
                invalid = true;
                Occur(FeedError.DuplicateService, line, type,
                    new IssueEvidence("serviceType", WantsSample(FeedError.DuplicateService) ? block.IdOf(rec) : null, ""), hasEvidence: false);
            }

            if (_trees.Add(rec, out var treeType))
            {
                // The whole tree is rejected; it counts once, against its top-level entity's type.
                _invalidEntities[(int)treeType]++;
                _byCode[(int)treeType, (int)FeedError.TreeTooLarge]++;
                Occur(FeedError.TreeTooLarge, line, treeType, default, hasEvidence: false);
            }

            Check(rec.Ref1, line, type, invalid, block, rec);
            Check(rec.Ref2, line, type, invalid, block, rec);
            for (var r = 0; r < rec.ExtraRefCount; r++)
            {
                Check(block.ExtraRefs[rec.ExtraRefStart + r], line, type, invalid, block, rec);
            }
            if (codes == 0)
            {
                continue;
            }

            var warned = false;
            for (var bits = codes; bits != 0; bits &= bits - 1)
            {
                var code = (FeedError)System.Numerics.BitOperations.TrailingZeroCount(bits);
                _byCode[(int)type, (int)code]++;
                warned |= FeedErrors.IsWarning(code);
            }

            if (invalid)
            {
                _invalidEntities[(int)type]++;
            }

            if (warned)
            {
                _warnedEntities[(int)type]++;
            }

            for (var k = rec.IssueStart; k < rec.IssueStart + rec.IssueCount; k++)
            {
                var issue = block.Issues[k];
                var has = block.Evidence.TryGetValue(k, out var evidence);
                Occur(issue.Code, line, type, evidence, has);
            }
        }

        _fileLine += block.LineCount;
        Lines += block.LineCount;
    }

    private bool WantsSample(FeedError code) => _samples.Count < maxSamples || _codeSamples[(int)code].Count < samplesPerCode;

    private void Occur(FeedError code, long line, EntityType type, IssueEvidence evidence, bool hasEvidence)
    {
        _occurrences[(int)code]++;
        var wantFlat = _samples.Count < maxSamples && !FeedErrors.IsWarning(code);
        var list = _codeSamples[(int)code];
        if (!wantFlat && list.Count >= samplesPerCode)
        {
            return;
        }

        var sample = new FeedSampleError(_files[^1], line, EntityTypes.Name(type), FeedErrors.Name(code), evidence.Path,
            hasEvidence ? evidence.Excerpt : null) { Id = evidence.Id };
        if (wantFlat)
        {
            _samples.Add(sample);
        }

        if (list.Count < samplesPerCode)
        {
            list.Add(sample);
        }
    }

    /// <summary>Touches every id's slot before the inserts: many cache misses in flight at once instead of one at a time.</summary>
    private void Prefetch(ReadOnlySpan<LineRecord> records)
    {
        var sink = 0UL;
        foreach (ref readonly var rec in records)
        {
            if (rec.HasId && rec.Type != EntityType.Unknown)
            {
                sink ^= Ids(rec.Type).Touch(rec.IdHash);
            }
        }

        _touched ^= sink;
    }

    /// <summary>Settles the references still pending once every line has been seen.</summary>
    public void Complete()
    {
        var lastFile = -1;
        var lastLine = -1L;
        foreach (var p in _pending)
        {
            if (Ids(p.Target).Contains(p.Hash))
            {
                continue;
            }

            var sameLine = p.File == lastFile && p.Line == lastLine;
            lastFile = p.File;
            lastLine = p.Line;
            _occurrences[(int)FeedError.MissingReference]++;
            if (sameLine)
            {
                continue;
            }

            _byCode[(int)p.Source, (int)FeedError.MissingReference]++;
            if (!p.SourceInvalid)
            {
                _invalidEntities[(int)p.Source]++;
            }

            var sample = new FeedSampleError(_files[p.File], p.Line, EntityTypes.Name(p.Source), FeedErrors.Name(FeedError.MissingReference),
                p.Property, null)
            {
                Id = p.IdLength > 0
                    ? BlockValidator.Clean(System.Text.Encoding.UTF8.GetString(_pendingIds, p.IdStart, p.IdLength))
                    : null,
            };
            if (_samples.Count < maxSamples)
            {
                _samples.Add(sample);
            }

            var list = _codeSamples[(int)FeedError.MissingReference];
            if (list.Count < samplesPerCode)
            {
                list.Add(sample);
            }
        }

        _pending.Clear();
        _pending.TrimExcess();
        _pendingIds = [];
        _pendingIdBytes = 0;
    }

    /// <summary>The restaurant id hashes seen, for drop detection.</summary>
    public ulong[] RestaurantIds() => Ids(EntityType.Restaurant).ToArray();

    public IReadOnlyList<FeedSampleError> Samples => _samples;

    /// <summary>Every code found, errors first, each with its count and first samples.</summary>
    public List<FeedCodeSummary> Codes()
    {
        var list = new List<FeedCodeSummary>();
        for (var c = 1; c < FeedErrors.Count; c++)
        {
            if (_occurrences[c] > 0)
            {
                var code = (FeedError)c;
                list.Add(new FeedCodeSummary(FeedErrors.Name(code), FeedErrors.IsWarning(code), _occurrences[c], FeedErrors.Describe(code),
                    _codeSamples[c]));
            }
        }

        return [.. list.OrderBy(c => c.Warning).ThenByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal)];
    }

    public List<FeedTypeSummary> Summaries()
    {
        var list = new List<FeedTypeSummary>(EntityTypes.Count);
        // Known types in schema order, then the lines of no known type.
        for (var i = 1; i <= EntityTypes.Count; i++)
        {
            var t = i % EntityTypes.Count;
            var reasons = new SortedDictionary<string, long>(StringComparer.Ordinal);
            var warnings = new SortedDictionary<string, long>(StringComparer.Ordinal);
            for (var e = 1; e < FeedErrors.Count; e++)
            {
                if (_byCode[t, e] > 0)
                {
                    (FeedErrors.IsWarning((FeedError)e) ? warnings : reasons)[FeedErrors.Name((FeedError)e)] = _byCode[t, e];
                }
            }

            if (_entities[t] > 0 || t != (int)EntityType.Unknown)
            {
                list.Add(new(EntityTypes.Name((EntityType)t), _entities[t], _invalidEntities[t], reasons)
                {
                    Warned = _warnedEntities[t],
                    WarningsByCode = warnings,
                });
            }
        }

        return list;
    }

    private void Check(EntityRef r, long line, EntityType source, bool sourceInvalid, BlockResult block, in LineRecord rec)
    {
        // Feeds are written tree by tree, so most references name the entity of their type seen last.
        if (r.IsSet && r.Hash != _lastId[(int)r.Target] && !Ids(r.Target).Contains(r.Hash))
        {
            // The second reference of a line shares the id its first one stored.
            var id = block.IdBytes(rec);
            var start = _pendingIdBytes;
            if (_pending.Count > 0 && _pending[^1] is { } last && last.Line == line && last.File == _files.Count - 1)
            {
                start = last.IdStart;
            }
            else if (!id.IsEmpty)
            {
                if (_pendingIdBytes + id.Length > _pendingIds.Length)
                {
                    Array.Resize(ref _pendingIds, Math.Max(_pendingIds.Length * 2, _pendingIdBytes + id.Length));
                }

                id.CopyTo(_pendingIds.AsSpan(_pendingIdBytes));
                _pendingIdBytes += id.Length;
            }

            _pending.Add(new(r.Hash, line, _files.Count - 1, r.Target, source, r.Property, sourceInvalid, start, id.Length));
            if (_pending.Count >= _sweepAt)
            {
                Sweep();
            }
        }
    }

    /// <summary>Drops the pending references whose targets have been seen since, keeping the others and their ids in order.</summary>
    private void Sweep()
    {
        var kept = 0;
        var bytes = 0;
        for (var i = 0; i < _pending.Count; i++)
        {
            var p = _pending[i];
            if (Ids(p.Target).Contains(p.Hash))
            {
                continue;
            }

            // Ids move down only, so an overlapping copy is safe; a line's second reference reuses its first's new place.
            var start = bytes;
            if (kept > 0 && _pending[kept - 1] is { } previous && previous.Line == p.Line && previous.File == p.File)
            {
                start = previous.IdStart;
            }
            else
            {
                _pendingIds.AsSpan(p.IdStart, p.IdLength).CopyTo(_pendingIds.AsSpan(bytes));
                bytes += p.IdLength;
            }

            _pending[kept++] = p with { IdStart = start };
        }

        _pending.RemoveRange(kept, _pending.Count - kept);
        _pendingIdBytes = bytes;
        _sweepAt = Math.Max(MinSweep, kept * 2);
    }

    private static ulong? RestaurantOf(in LineRecord rec) =>
        rec.Ref1.Target == EntityType.Restaurant ? rec.Ref1.Hash : rec.Ref2.Target == EntityType.Restaurant ? rec.Ref2.Hash : null;

    private LongHashSet Ids(EntityType type) => _ids[(int)type] ??= new LongHashSet();

    private bool AddId(EntityType type, ulong hash)
    {
        _lastId[(int)type] = hash;
        return Ids(type).Add(hash);
    }
}
