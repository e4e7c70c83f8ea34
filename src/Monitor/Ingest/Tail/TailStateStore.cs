using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Ingest.Tail;

/// <summary>
/// The saved read positions: one small JSON file, replaced atomically (write a temporary file, then
/// rename) so a crash leaves either the old or the new positions, never half of one.
/// </summary>
internal sealed class TailStateStore(string directory)
{
    public const string FileName = "tail-positions.json";

    public string FilePath => Path.Combine(directory, FileName);

    public IReadOnlyDictionary<string, TailPosition> Load()
    {
        if (!File.Exists(FilePath))
        {
            return new Dictionary<string, TailPosition>(StringComparer.Ordinal);
        }

        var state = JsonSerializer.Deserialize(File.ReadAllBytes(FilePath), TailStateJson.Default.TailStateFile);
        return (state?.Files ?? []).ToDictionary(p => p.Path, StringComparer.Ordinal);
    }

    public void Save(IEnumerable<TailPosition> positions)
    {
        Directory.CreateDirectory(directory);
        var temporary = FilePath + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, new TailStateFile([.. positions]), TailStateJson.Default.TailStateFile);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, FilePath, overwrite: true);
    }
}

internal sealed record TailStateFile(List<TailPosition> Files);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TailStateFile))]
internal sealed partial class TailStateJson : JsonSerializerContext;
