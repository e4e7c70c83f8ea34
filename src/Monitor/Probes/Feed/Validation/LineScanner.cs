using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// Checks one NDJSON line with a <see cref="Utf8JsonReader"/>: one pass, no allocation on a valid line.
/// Every token is read, so syntax errors and nulls are found at any depth.
/// </summary>
internal static partial class LineScanner
{
    [InlineArray(6)]
    private struct RefSlots
    {
        private ulong _element;
    }

    public static void Scan(ReadOnlySpan<byte> line, long staleBeforeUtcTicks, ref LineRecord rec)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 64 });
        uint present = 0;
        var refs = default(RefSlots);
        var typeSeen = false;
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                Fail(ref rec, FeedError.NotAnObject, FeedField.None);
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueIsEscaped ? IdentifyEscaped(ref reader) : FeedFields.Identify(reader.ValueSpan);
                var nameStart = (int)reader.TokenStartIndex + 1;
                var nameLength = reader.ValueSpan.Length;
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    Fail(ref rec, FeedError.NullValue, field, nameStart, nameLength);
                    continue;
                }

                present |= FeedFields.Bit(field);
                var error = ReadValue(ref reader, field, staleBeforeUtcTicks, ref rec, ref refs, ref typeSeen);
                if (error != FeedError.None)
                {
                    Fail(ref rec, error, field, nameStart, nameLength);
                }
            }

            // A second value on the same line, or anything but whitespace, is a syntax error here.
            if (reader.Read())
            {
                Fail(ref rec, FeedError.ParseError, FeedField.None, overwrite: true);
                return;
            }
        }
        catch (JsonException)
        {
            Fail(ref rec, FeedError.ParseError, FeedField.None, overwrite: true);
            return;
        }

        Finish(ref rec, present, ref refs, typeSeen);
    }

    private static void Finish(ref LineRecord rec, uint present, ref RefSlots refs, bool typeSeen)
    {
        if (!typeSeen)
        {
            Fail(ref rec, FeedError.MissingType, FeedField.Type);
            return;
        }

        if (rec.Type == EntityType.Unknown)
        {
            return;
        }

        if ((present & FeedFields.Bit(FeedField.Id)) == 0)
        {
            Fail(ref rec, FeedError.MissingId, FeedField.Id);
        }

        foreach (var req in EntityRules.RequiredFor(rec.Type))
        {
            if ((present & req.AnyOf) == 0)
            {
                Fail(ref rec, FeedError.MissingField, req.Reported);
            }
        }

        var n = 0;
        foreach (var link in EntityRules.ParentsOf(rec.Type))
        {
            if ((present & FeedFields.Bit(link.Field)) == 0 || refs[RefSlot(link.Field)] == 0)
            {
                continue;
            }

            var r = new EntityRef(link.Target, link.Field, refs[RefSlot(link.Field)]);
            if (n++ == 0)
            {
                rec.Ref1 = r;
            }
            else
            {
                rec.Ref2 = r;
            }
        }
    }

    /// <summary>Reads past a value, reporting a null found anywhere inside it.</summary>
    internal static FeedError SkipNested(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return FeedError.None;
        }

        var depth = reader.CurrentDepth;
        var error = FeedError.None;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                error = FeedError.NullValue;
            }
        }

        return error;
    }

    private static FeedError SkipWith(ref Utf8JsonReader reader, FeedError error)
    {
        SkipNested(ref reader);
        return error;
    }

    private static void Fail(ref LineRecord rec, FeedError error, FeedField field, int nameStart = 0, int nameLength = 0, bool overwrite = false)
    {
        if (rec.Error != FeedError.None && !overwrite)
        {
            return;
        }

        rec.Error = error;
        rec.ErrorField = field;
        rec.ErrorNameStart = nameStart;
        rec.ErrorNameLength = nameLength;
    }
}
