using System.Globalization;

namespace Monitor.Agent;

/// <summary>
/// Results waiting for a central, on disk, oldest first. Each result is one file named by its sequence number,
/// written to a temporary name, flushed to disk and renamed, so a process killed at any point leaves either the
/// whole result or none. Bounded: past <c>maxResults</c> the oldest are deleted and counted as dropped, and the
/// count waits in the spool until a central has been told. Sequence numbers never go back, across restarts too.
/// Thread-safe.
/// </summary>
internal sealed class ResultSpool
{
    private const string Suffix = ".result";
    private const string TempSuffix = ".tmp";
    private const string DroppedFile = "dropped";
    private const string LastSentFile = "last-sent";
    private const string IdFile = "spool-id";

    private readonly Lock _gate = new();
    private readonly string _directory;
    private readonly int _maxResults;
    private readonly Queue<long> _sequences = new();
    private long _nextSequence;
    private long _unreportedDrops;

    public ResultSpool(string directory, int maxResults)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        _directory = directory;
        _maxResults = maxResults;
        Directory.CreateDirectory(directory);
        foreach (var temp in Directory.EnumerateFiles(directory, "*" + TempSuffix))
        {
            // A write that was cut short: its result was never accepted into the spool.
            File.Delete(temp);
        }

        var found = Directory.EnumerateFiles(directory, "*" + Suffix)
            .Select(f => long.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n > 0)
            .Order();
        foreach (var sequence in found)
        {
            _sequences.Enqueue(sequence);
        }

        var lastSent = ReadNumber(LastSentFile);
        _nextSequence = Math.Max(lastSent, _sequences.Count > 0 ? _sequences.Max() : 0) + 1;
        _unreportedDrops = ReadNumber(DroppedFile);
        Id = ReadOrCreateId();
    }

    /// <summary>Identifies this spool's sequence: a new spool folder starts a new sequence at 1.</summary>
    public string Id { get; }

    /// <summary>Results waiting.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _sequences.Count;
            }
        }
    }

    /// <summary>Results dropped (spool full) that no central has been told of yet.</summary>
    public long UnreportedDrops
    {
        get
        {
            lock (_gate)
            {
                return _unreportedDrops;
            }
        }
    }

    /// <summary>Adds a result; its sequence number is given to <paramref name="write"/>, which returns its JSON (UTF-8).</summary>
    /// <returns>The sequence number and how many of the oldest results were dropped to make room.</returns>
    public (long Sequence, int Dropped) Append(Func<long, byte[]> write)
    {
        lock (_gate)
        {
            var sequence = _nextSequence++;
            var path = PathOf(sequence);
            var temp = path + TempSuffix;
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(write(sequence));
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            _sequences.Enqueue(sequence);
            var dropped = 0;
            while (_sequences.Count > _maxResults)
            {
                File.Delete(PathOf(_sequences.Dequeue()));
                dropped++;
            }

            if (dropped > 0)
            {
                _unreportedDrops += dropped;
                WriteNumber(DroppedFile, _unreportedDrops);
            }

            return (sequence, dropped);
        }
    }

    /// <summary>Up to <paramref name="max"/> of the oldest results, in order, with their sequence numbers.</summary>
    public IReadOnlyList<(long Sequence, byte[] Json)> Peek(int max)
    {
        long[] sequences;
        lock (_gate)
        {
            sequences = [.. _sequences.Take(max)];
        }

        var list = new List<(long, byte[])>(sequences.Length);
        foreach (var sequence in sequences)
        {
            try
            {
                list.Add((sequence, File.ReadAllBytes(PathOf(sequence))));
            }
            catch (FileNotFoundException)
            {
                // Dropped meanwhile to make room: the drop is counted; what follows is still in order.
            }
        }

        return list;
    }

    /// <summary>Forgets every result up to <paramref name="sequence"/> (a central has them) and <paramref name="reportedDrops"/> drops it was told of.</summary>
    public void Remove(long sequence, long reportedDrops)
    {
        lock (_gate)
        {
            // Written first: a crash before the deletes then resends, but never reuses a sequence number.
            WriteNumber(LastSentFile, Math.Max(sequence, ReadNumber(LastSentFile)));
            while (_sequences.Count > 0 && _sequences.Peek() <= sequence)
            {
                File.Delete(PathOf(_sequences.Dequeue()));
            }

            if (reportedDrops > 0)
            {
                _unreportedDrops = Math.Max(0, _unreportedDrops - reportedDrops);
                WriteNumber(DroppedFile, _unreportedDrops);
            }
        }
    }

    private string PathOf(long sequence) => Path.Combine(_directory, sequence.ToString("D19", CultureInfo.InvariantCulture) + Suffix);

    private long ReadNumber(string name)
    {
        var path = Path.Combine(_directory, name);
        return File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    private void WriteNumber(string name, long value) =>
        WriteAtomically(Path.Combine(_directory, name), value.ToString(CultureInfo.InvariantCulture));

    private string ReadOrCreateId()
    {
        var path = Path.Combine(_directory, IdFile);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } id)
        {
            return id;
        }

        var created = Guid.NewGuid().ToString("N");
        WriteAtomically(path, created);
        return created;
    }

    private static void WriteAtomically(string path, string text)
    {
        var temp = path + TempSuffix;
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(System.Text.Encoding.UTF8.GetBytes(text));
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
