using System.Text;
using System.Text.Json;

namespace Monitor.Probes.Feed.Validation;

/// <summary>Validates every line of a block; pure, so blocks can be validated in parallel.</summary>
internal static class BlockValidator
{
    private const int ExcerptBytes = 160;

    public static BlockResult Validate(FeedBlock block, long staleBeforeUtcTicks, int maxEvidence)
    {
        using (block)
        {
            var data = block.Data;
            var result = new BlockResult(data.Length / 128);
            if (block.Oversize)
            {
                ref var rec = ref result.Add();
                rec.Line = 1;
                rec.Bytes = data.Length;
                rec.Type = SniffType(data);
                rec.Error = FeedError.EntityTooLarge;
                result.LineCount = 1;
                result.Evidence[0] = (null, Excerpt(data));
                return result;
            }

            var line = 0;
            while (!data.IsEmpty)
            {
                var nl = data.IndexOf((byte)'\n');
                var text = nl < 0 ? data : data[..nl];
                data = nl < 0 ? default : data[(nl + 1)..];
                line++;
                if (!text.IsEmpty && text[^1] == (byte)'\r')
                {
                    text = text[..^1];
                }

                if (text.IsEmpty || text.IndexOfAnyExcept(" \t"u8) < 0)
                {
                    continue;
                }

                ref var rec = ref result.Add();
                rec.Line = line;
                rec.Bytes = text.Length;
                if (text.Length > FeedLimits.MaxEntityBytes)
                {
                    rec.Type = SniffType(text);
                    rec.Error = FeedError.EntityTooLarge;
                }
                else
                {
                    LineScanner.Scan(text, staleBeforeUtcTicks, ref rec);
                }

                if (rec.Error != FeedError.None && result.Evidence.Count < maxEvidence)
                {
                    var field = rec.ErrorField == FeedField.Other
                        ? Encoding.UTF8.GetString(text.Slice(rec.ErrorNameStart, rec.ErrorNameLength))
                        : null;
                    result.Evidence[result.Count - 1] = (field, Excerpt(text));
                }
            }

            result.LineCount = line;
            return result;
        }
    }

    /// <summary>Finds the <c>@type</c> of a line too long to validate, so its error counts against the right type.</summary>
    private static EntityType SniffType(ReadOnlySpan<byte> start)
    {
        var reader = new Utf8JsonReader(start, isFinalBlock: false, default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return EntityType.Unknown;
            }

            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("@type"u8))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String
                        ? EntityTypes.Parse(reader.ValueSpan)
                        : EntityType.Unknown;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: no type to tell.
        }

        return EntityType.Unknown;
    }

    private static string Excerpt(ReadOnlySpan<byte> text)
    {
        var cut = text.Length <= ExcerptBytes ? text : text[..ExcerptBytes];
        var s = Encoding.UTF8.GetString(cut);
        // Control characters (binary input) would garble a terminal or an email.
        var clean = string.Create(s.Length, s, static (dst, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                dst[i] = char.IsControl(src[i]) ? '?' : src[i];
            }
        });
        return text.Length > ExcerptBytes ? clean + "..." : clean;
    }
}
