using Monitor.Ingest.Parsing;
using Monitor.Rules.Observations;

namespace Monitor.Ingest.Tail;

/// <summary>Where recorded observations go: the rules (<c>AlertEvaluator.RecordBatch</c>).</summary>
internal delegate void ObservationSink(ReadOnlySpan<Observation> observations);

/// <summary>
/// Follows the configured NDJSON files. Each poll reads what is new in every file, records it into
/// the rules, and only then saves the read positions, so a restart neither skips nor repeats a line.
/// </summary>
internal sealed partial class LogTailer : IDisposable
{
    private const int ChunkBytes = 4 * 1024 * 1024;
    private const int LoggedErrorsPerPoll = 5;

    private readonly IReadOnlyList<string> _patterns;
    private readonly string _baseDirectory;
    private readonly ObservationSink _sink;
    private readonly IngestCounters _counters;
    private readonly TimeProvider _time;
    private readonly TailStateStore _store;
    private readonly ILogger<LogTailer> _logger;
    private readonly Dictionary<string, FollowedFile> _files = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, TailPosition> _saved;
    private readonly byte[] _chunk = GC.AllocateUninitializedArray<byte>(ChunkBytes);
    private readonly ChunkParser _chunks;
    private readonly Action<ObservationBuffer> _record;
    private readonly BatchErrors _errors = new(LoggedErrorsPerPoll);
    private readonly LineChunkHandler _handler;
    private readonly Action<long, string> _tooLong;
    private readonly Action<string, long> _lost;
    private DateTimeOffset _now;
    private string _errorPath = "";

    public LogTailer(IReadOnlyList<string> patterns, string baseDirectory, string stateDirectory, BatchParser parser,
        ObservationSink sink, IngestCounters counters, TimeProvider time, ILogger<LogTailer> logger)
    {
        _patterns = patterns;
        _baseDirectory = baseDirectory;
        _sink = sink;
        _counters = counters;
        _time = time;
        _logger = logger;
        _store = new TailStateStore(stateDirectory);
        _saved = LoadPositions();
        _chunks = new ChunkParser(parser, Environment.ProcessorCount);
        _record = batch =>
        {
            _sink(batch.Items);
            _counters.Accepted(batch);
            Recorded += batch.Count;
        };
        _handler = Record;
        _tooLong = (line, path) => Refuse(line, path, RejectReason.TooLong, $"line longer than {ChunkBytes} bytes");
        _lost = (_, bytes) => _counters.Lost(bytes);
    }

    /// <summary>Observations recorded since start.</summary>
    public long Recorded { get; private set; }

    /// <summary>Reads every followed file once; returns the number of observations recorded.</summary>
    public long PollNow()
    {
        var before = Recorded;
        _now = _time.GetUtcNow();
        var changed = false;
        var paths = _patterns.SelectMany(p => TailGlob.Expand(p, _baseDirectory)).ToHashSet(StringComparer.Ordinal);
        foreach (var path in paths.Where(p => !_files.ContainsKey(p)).Order(StringComparer.Ordinal))
        {
            _files[path] = new FollowedFile(path, _saved.GetValueOrDefault(path), _chunk, _logger, _lost);
        }

        foreach (var file in _files.Values)
        {
            try
            {
                changed |= file.Poll(_handler, _tooLong);
            }
            catch (IOException e)
            {
                LogReadFailed(e, file.Path);
            }
            catch (UnauthorizedAccessException e)
            {
                LogReadFailed(e, file.Path);
            }
        }

        // A file no glob names any more, read to its end and closed, is forgotten.
        foreach (var gone in _files.Values.Where(f => f.IsIdle && !paths.Contains(f.Path)).ToList())
        {
            gone.Dispose();
            _files.Remove(gone.Path);
            changed = true;
        }

        if (changed)
        {
            _store.Save(_files.Values.Select(f => f.Position).OfType<TailPosition>());
        }

        if (_errors.Count > 0)
        {
            _counters.Rejected(_errors);
            foreach (var error in _errors.First)
            {
                LogRefused(_errorPath, error.Line, error.Message);
            }

            _errors.Clear();
        }

        return Recorded - before;
    }

    public void Dispose()
    {
        foreach (var file in _files.Values)
        {
            file.Dispose();
        }

        _chunks.Dispose();
    }

    private IReadOnlyDictionary<string, TailPosition> LoadPositions()
    {
        try
        {
            return _store.Load();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException)
        {
            LogStateUnreadable(e, _store.FilePath);
            return new Dictionary<string, TailPosition>(StringComparer.Ordinal);
        }
    }

    private void Record(ReadOnlyMemory<byte> lines, ref long line, string path)
    {
        if (_errors.Count == 0)
        {
            _errorPath = path;
        }

        _chunks.Parse(lines, ref line, _now, _record, _errors);
    }

    private void Refuse(long line, string path, RejectReason reason, string message)
    {
        if (_errors.Count == 0)
        {
            _errorPath = path;
        }

        _errors.Add(line, reason, message);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tail {Path}:{Line}: line refused: {Message}")]
    private partial void LogRefused(string path, long line, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tail positions in {Path} are unreadable; every followed file is read from its start")]
    private partial void LogStateUnreadable(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tail {Path}: could not read; retried at the next poll")]
    private partial void LogReadFailed(Exception exception, string path);
}
