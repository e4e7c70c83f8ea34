using System.Collections.Concurrent;
using System.Text.Json;

namespace Monitor.Ingest.Parsing;

/// <summary>
/// Shares one string per distinct restaurant id or error type, so steady traffic over a known set of
/// restaurants allocates no strings. Bounded: past <see cref="MaxEntries"/> new values are allocated
/// but no longer kept.
/// </summary>
internal sealed class StringPool
{
    public const int MaxValueBytes = 512;

    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool(int maxEntries = 500_000)
    {
        MaxEntries = maxEntries;
        _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int MaxEntries { get; }

    /// <summary>The pooled string of the reader's current string token; null when longer than <see cref="MaxValueBytes"/>.</summary>
    public string? Intern(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueSpan.Length > MaxValueBytes)
        {
            return null;
        }

        // UTF-8 never needs more chars than bytes, escaped or not, so the copy always fits.
        Span<char> chars = stackalloc char[MaxValueBytes];
        var length = reader.CopyString(chars);
        return Intern(chars[..length]);
    }

    public string Intern(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        var text = value.ToString();
        return _values.Count < MaxEntries ? _values.GetOrAdd(text, text) : text;
    }
}
