using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Alerting;

/// <summary>
/// Writes a <c>long[]</c> as one run-length string (<c>"0*58,3,-9223372036854775808*2"</c>): the window buckets of the
/// rule state are mostly empty, and as JSON numbers 500 series made a 1.5 MB document every 30 s, which went to the large
/// object heap each time. Reads that string or a plain JSON array of numbers (state saved before this form).
/// </summary>
internal sealed class RunLengthLongArrayConverter : JsonConverter<long[]>
{
    /// <summary>The longest array read, so that a damaged run count cannot ask for unbounded memory.</summary>
    private const int MaxLength = 16 * 1024 * 1024;

    /// <summary>The most UTF-8 bytes one run takes: a separator, a value, <c>*</c> and a count.</summary>
    private const int MaxRunBytes = 1 + 20 + 1 + 10;

    public override long[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartArray:
                var values = new List<long>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    values.Add(reader.GetInt64());
                }

                return [.. values];
            case JsonTokenType.String:
                return Decode(reader.GetString() ?? "");
            default:
                throw new JsonException($"expected an array of numbers or a run-length string, found {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, long[] value, JsonSerializerOptions options)
    {
        // UTF-8 into a pooled buffer, so that the 30-second save of the rule state allocates nothing here.
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, value.Length) * MaxRunBytes);
        try
        {
            var text = rented.AsSpan();
            var length = 0;
            for (var i = 0; i < value.Length;)
            {
                var run = 1;
                while (i + run < value.Length && value[i + run] == value[i])
                {
                    run++;
                }

                if (length > 0)
                {
                    text[length++] = (byte)',';
                }

                value[i].TryFormat(text[length..], out var written, default, CultureInfo.InvariantCulture);
                length += written;
                if (run > 1)
                {
                    text[length++] = (byte)'*';
                    run.TryFormat(text[length..], out written, default, CultureInfo.InvariantCulture);
                    length += written;
                }

                i += run;
            }

            writer.WriteStringValue(text[..length]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static long[] Decode(string text)
    {
        var values = new List<long>();
        if (text.Length == 0)
        {
            return [];
        }

        foreach (var part in text.Split(','))
        {
            var star = part.IndexOf('*', StringComparison.Ordinal);
            var run = 1;
            if (!long.TryParse(star < 0 ? part : part[..star], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                || (star >= 0 && !int.TryParse(part[(star + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out run)))
            {
                throw new JsonException($"'{part}' is not a run of numbers");
            }

            if (run < 1 || values.Count + run > MaxLength)
            {
                throw new JsonException($"run '{part}' is out of range");
            }

            for (var i = 0; i < run; i++)
            {
                values.Add(value);
            }
        }

        return [.. values];
    }
}
