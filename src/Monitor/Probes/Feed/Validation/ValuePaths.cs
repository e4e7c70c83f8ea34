using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// Where inside a value a problem sits, as the rest of its property's path: <c>[2].price</c>, <c>.calories</c>.
/// Read again from the value's first byte only once a problem is known, so a valid line never pays for it.
/// </summary>
internal static class ValuePaths
{
    private readonly record struct Frame(bool IsArray, int Next, string? Name, string Segment);

    /// <summary>
    /// The path of the first <c>null</c> in <paramref name="value"/> (a JSON value followed by anything);
    /// null when the value itself is the null, or holds none.
    /// </summary>
    public static string? FirstNull(ReadOnlySpan<byte> value)
    {
        var reader = new Utf8JsonReader(value, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = 64 }));
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        frames[^1] = frames[^1] with { Name = NameOf(ref reader) };
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        if (frames.Count == 0)
                        {
                            return null;
                        }

                        continue;
                }

                var segment = "";
                if (frames.Count > 0)
                {
                    var top = frames[^1];
                    if (top.IsArray)
                    {
                        segment = string.Create(CultureInfo.InvariantCulture, $"[{top.Next}]");
                        frames[^1] = top with { Next = top.Next + 1 };
                    }
                    else
                    {
                        segment = "." + top.Name;
                    }
                }

                if (reader.TokenType == JsonTokenType.Null)
                {
                    var path = string.Concat(frames.Select(f => f.Segment)) + segment;
                    return path.Length == 0 ? null : path;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, 0, null, segment));
                }
                else if (frames.Count == 0)
                {
                    return null;
                }
            }
        }
        catch (JsonException)
        {
            // The line's own pass reports broken JSON; no path can be told.
        }

        return null;
    }

    /// <summary>A property name as text; bytes that are not UTF-8, or a lone surrogate escape, must not stop the report.</summary>
    private static string NameOf(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }

        try
        {
            return reader.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }

    /// <summary><c>[index]</c>, or null for no element.</summary>
    public static string? Element(int index) =>
        index >= 0 ? string.Create(CultureInfo.InvariantCulture, $"[{index}]") : null;
}
