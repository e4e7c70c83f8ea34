using Monitor.Ingest.Parsing;

namespace Monitor.Ingest.Tail;

/// <summary>
/// Parses a large chunk of complete lines on every core: the chunk is cut at newlines into one part
/// per core, the parts are parsed at once, and the results are handed on in file order, so the
/// rules see lines in the order they were written.
/// </summary>
internal sealed class ChunkParser : IDisposable
{
    /// <summary>Below this a chunk is parsed on the calling thread: splitting would cost more than it saves.</summary>
    public const int ParallelFrom = 256 * 1024;

    private readonly BatchParser _parser;
    private readonly ObservationBuffer[] _parts;
    private readonly BatchErrors[] _errors;

    public ChunkParser(BatchParser parser, int parts)
    {
        _parser = parser;
        _parts = [.. Enumerable.Range(0, Math.Max(1, parts)).Select(_ => new ObservationBuffer(parser.Actions.SignalCount, 8192))];
        _errors = [.. Enumerable.Range(0, _parts.Length).Select(_ => new BatchErrors())];
    }

    /// <summary>Parses <paramref name="chunk"/>; <paramref name="record"/> gets each part's observations, in order.</summary>
    public void Parse(ReadOnlyMemory<byte> chunk, ref long line, DateTimeOffset now, Action<ObservationBuffer> record, BatchErrors errors)
    {
        var count = chunk.Length < ParallelFrom ? 1 : _parts.Length;
        var bounds = Split(chunk.Span, count);
        var firstLines = new long[count];
        var next = line;
        for (var i = 0; i < count; i++)
        {
            firstLines[i] = next;
            next += chunk.Span[bounds[i]..bounds[i + 1]].Count((byte)'\n');
        }

        if (count == 1)
        {
            _parser.ParseLines(chunk.Span, ref line, now, _parts[0], _errors[0]);
        }
        else
        {
            Parallel.For(0, count, i =>
            {
                var at = firstLines[i];
                _parser.ParseLines(chunk.Span[bounds[i]..bounds[i + 1]], ref at, now, _parts[i], _errors[i]);
            });
            line = next + (chunk.Span[^1] == (byte)'\n' ? 0 : 1);
        }

        for (var i = 0; i < count; i++)
        {
            record(_parts[i]);
            _parts[i].Clear();
            errors.Add(_errors[i]);
            _errors[i].Clear();
        }
    }

    public void Dispose()
    {
        foreach (var part in _parts)
        {
            part.Dispose();
        }
    }

    /// <summary>Part boundaries: each part but the last ends just after a newline.</summary>
    private static int[] Split(ReadOnlySpan<byte> chunk, int count)
    {
        var bounds = new int[count + 1];
        for (var i = 1; i < count; i++)
        {
            var from = Math.Max(bounds[i - 1], chunk.Length * i / count);
            var newline = chunk[from..].IndexOf((byte)'\n');
            bounds[i] = newline < 0 ? chunk.Length : from + newline + 1;
        }

        bounds[count] = chunk.Length;
        return bounds;
    }
}
