using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.Metrics;
using Monitor.Rules.Alerts;

namespace Monitor.Incidents.Spool;

/// <summary>
/// Alert transitions the store could not take, on local disk so that a restart during a database outage does
/// not lose them: one JSON line per transition, in order, each append flushed to disk before it returns. A
/// line torn by a crash mid-write is skipped at load with a log line. The file is bounded; transitions beyond
/// the bound stay in memory only, and are logged and counted. Without a directory the spool is off: a
/// command-line tool must neither replay nor remove the daemon's spool.
/// </summary>
internal sealed partial class TransitionSpool(string? directory, int capacity, MonitorMetrics metrics, ILogger<TransitionSpool> logger)
{
    /// <summary>The default bound of the spool file, in transitions (lines).</summary>
    public const int DefaultCapacity = 100_000;

    public const string FileName = "transitions.jsonl";

    /// <summary>How many lines from the start of the spool file the store has taken, so a restart mid-replay does not replay them.</summary>
    public const string WrittenFileName = "transitions.written";

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public string FilePath => Path.Combine(directory ?? throw new InvalidOperationException("the transition spool is off"), FileName);

    private int _written;

    // Once a transition did not fit, nothing more is appended until the spool is cleared: the file must stay a
    // prefix of the transitions waiting in memory, in their order, for the written count to point at the right line.
    private bool _overflowed;

    /// <summary>Transitions in the spool file not yet taken by the store.</summary>
    public int Count { get; private set; }

    private string WrittenPath => Path.Combine(directory!, WrittenFileName);

    /// <summary>
    /// The transitions in the spool file, oldest first. Unreadable lines (a torn last line) are skipped and
    /// the file is rewritten without them, so that the next append starts on a line of its own.
    /// </summary>
    public IReadOnlyList<AlertTransition> Load()
    {
        if (directory is null || !File.Exists(FilePath))
        {
            Count = 0;
            return [];
        }

        var written = ReadWritten();
        var loaded = new List<AlertTransition>();
        var skipped = 0;
        var number = 0;
        foreach (var line in File.ReadLines(FilePath, Encoding.UTF8))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (Parse(line) is { } transition)
            {
                loaded.Add(transition);
            }
            else
            {
                skipped++;
                LogLineSkipped(FilePath, number);
            }
        }

        // Lines the store took before a restart mid-replay are not replayed.
        loaded = [.. loaded.Skip(written)];
        if (skipped > 0 || written > 0)
        {
            Rewrite(loaded);
            File.Delete(WrittenPath);
        }

        _written = 0;

        Count = loaded.Count;
        if (loaded.Count > 0)
        {
            LogLoaded(loaded.Count, FilePath);
        }

        return loaded;
    }

    /// <summary>Appends transitions in order, as far as the bound allows; returns how many were written.</summary>
    public int Append(IReadOnlyList<AlertTransition> transitions)
    {
        if (directory is null)
        {
            return 0;
        }

        var room = _overflowed ? 0 : Math.Max(0, capacity - Count - _written);
        var written = Math.Min(room, transitions.Count);
        if (written > 0)
        {
            Directory.CreateDirectory(directory);
            using var stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read);
            for (var i = 0; i < written; i++)
            {
                stream.Write(JsonSerializer.SerializeToUtf8Bytes(transitions[i], TransitionSpoolJson.Default.AlertTransition));
                stream.Write(NewLine);
            }

            stream.Flush(flushToDisk: true);
            Count += written;
        }

        var over = transitions.Count - written;
        if (over > 0)
        {
            _overflowed = true;
            metrics.SpoolOverflow.Inc(over);
            LogFull(over, capacity, FilePath);
        }

        return written;
    }

    /// <summary>Records that the store took the next <paramref name="count"/> transitions of the spool file.</summary>
    public void MarkWritten(int count)
    {
        if (directory is null || count <= 0)
        {
            return;
        }

        _written += count;
        Count = Math.Max(0, Count - count);
        using var stream = new FileStream(WrittenPath, FileMode.Create, FileAccess.Write, FileShare.None);
        stream.Write(Encoding.ASCII.GetBytes(_written.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Removes the spool file: everything in it has been written to the store.</summary>
    public void Clear()
    {
        if (directory is null)
        {
            return;
        }

        File.Delete(FilePath);
        File.Delete(WrittenPath);
        Count = 0;
        _written = 0;
        _overflowed = false;
    }

    /// <summary>The count of lines already written; 0 when absent or unreadable (a replay is harmless, only slower).</summary>
    private int ReadWritten() =>
        File.Exists(WrittenPath) && int.TryParse(File.ReadAllText(WrittenPath), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static AlertTransition? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, TransitionSpoolJson.Default.AlertTransition);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Rewrite(IReadOnlyList<AlertTransition> transitions)
    {
        var temporary = FilePath + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var t in transitions)
            {
                stream.Write(JsonSerializer.SerializeToUtf8Bytes(t, TransitionSpoolJson.Default.AlertTransition));
                stream.Write(NewLine);
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, FilePath, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped unreadable line {Line} of the transition spool {Path} (torn by a crash mid-write)")]
    private partial void LogLineSkipped(string path, int line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loaded {Count} alert transitions from the spool {Path}; they are written when the store answers")]
    private partial void LogLoaded(int count, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "The transition spool is full ({Capacity} lines): {Count} transitions are held in memory only and are lost if the daemon restarts before the store answers ({Path})")]
    private partial void LogFull(int count, int capacity, string path);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AlertTransition))]
internal sealed partial class TransitionSpoolJson : JsonSerializerContext;
