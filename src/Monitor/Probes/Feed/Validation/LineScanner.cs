using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// Checks one NDJSON line with a <see cref="Utf8JsonReader"/>: one pass, no allocation on a valid line.
/// Every token is read, so syntax errors and nulls are found at any depth.
/// </summary>
internal static class LineScanner
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
                var field = reader.ValueIsEscaped ? FeedField.Other : FeedFields.Identify(reader.ValueSpan);
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

    private static FeedError ReadValue(
        ref Utf8JsonReader reader, FeedField field, long staleBeforeUtcTicks, ref LineRecord rec, ref RefSlots refs, ref bool typeSeen)
    {
        switch (field)
        {
            case FeedField.Type:
                typeSeen = true;
                if (reader.TokenType != JsonTokenType.String)
                {
                    return SkipWith(ref reader, FeedError.BadValue);
                }

                rec.Type = WithUnescaped(ref reader, static v => EntityTypes.Parse(v));
                return rec.Type == EntityType.Unknown ? FeedError.UnknownType : FeedError.None;

            case FeedField.Id:
                return ReadId(ref reader, ref rec);

            case FeedField.Name:
            case FeedField.StreetAddress:
                return reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0
                    ? FeedError.None
                    : SkipWith(ref reader, FeedError.BadValue);

            case FeedField.Latitude:
            case FeedField.Longitude:
                var limit = field == FeedField.Latitude ? 90 : 180;
                return TryNumber(ref reader, out var coordinate) && Math.Abs(coordinate) <= limit
                    ? FeedError.None
                    : SkipWith(ref reader, FeedError.BadCoordinates);

            case FeedField.DateModified:
            case FeedField.ValidFrom:
            case FeedField.ValidThrough:
                if (!DateTimes.TryRead(ref reader, out var at))
                {
                    return SkipWith(ref reader, FeedError.BadDateTime);
                }

                if (field == FeedField.DateModified)
                {
                    rec.HasDateModified = true;
                    rec.Stale = at.UtcTicks < staleBeforeUtcTicks;
                }

                return FeedError.None;

            case FeedField.Price:
                return TryNumber(ref reader, out var price) && price >= 0 && double.IsFinite(price)
                    ? FeedError.None
                    : SkipWith(ref reader, FeedError.BadPrice);

            case FeedField.PriceCurrency:
                return reader.TokenType == JsonTokenType.String && IsCurrency(reader.ValueSpan)
                    ? FeedError.None
                    : SkipWith(ref reader, FeedError.BadCurrency);

            case FeedField.ServiceType:
                return reader.TokenType == JsonTokenType.String
                       && (reader.ValueSpan.SequenceEqual("DELIVERY"u8) || reader.ValueSpan.SequenceEqual("TAKEOUT"u8))
                    ? FeedError.None
                    : SkipWith(ref reader, FeedError.BadValue);

            case FeedField.RestaurantId:
            case FeedField.ServiceId:
            case FeedField.MenuId:
            case FeedField.MenuItemId:
            case FeedField.ParentMenuSectionId:
                var error = References.Read(ref reader, out var hash);
                refs[RefSlot(field)] = hash;
                return error;

            default:
                return SkipNested(ref reader);
        }
    }

    private static int RefSlot(FeedField field) => field switch
    {
        FeedField.RestaurantId => 1,
        FeedField.ServiceId => 2,
        FeedField.MenuId => 3,
        FeedField.MenuItemId => 4,
        FeedField.ParentMenuSectionId => 5,
        _ => 0,
    };

    private static FeedError ReadId(ref Utf8JsonReader reader, ref LineRecord rec)
    {
        // The schema coerces integers to strings, so a numeric id is the same id as its digits.
        if (reader.TokenType == JsonTokenType.Number)
        {
            return Identify(reader.ValueSpan, ref rec);
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return SkipWith(ref reader, FeedError.BadId);
        }

        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            return Identify(raw, ref rec);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            var n = reader.CopyString(buffer);
            return Identify(buffer.AsSpan(0, n), ref rec);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static FeedError Identify(ReadOnlySpan<byte> id, ref LineRecord rec)
    {
        if (id.IsEmpty)
        {
            return FeedError.BadId;
        }

        // Bytes bound characters from above, so the UTF-8 count is needed only for long ids.
        if (id.Length > FeedLimits.MaxIdChars && Encoding.UTF8.GetCharCount(id) > FeedLimits.MaxIdChars)
        {
            return FeedError.IdTooLong;
        }

        rec.HasId = true;
        rec.IdHash = IdHash.Of(id);
        return FeedError.None;
    }

    private static bool TryNumber(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetDouble(out value),
            // The schema coerces numeric strings (Google's own examples quote coordinates).
            JsonTokenType.String => !reader.ValueIsEscaped
                                    && Utf8Parser.TryParse(reader.ValueSpan, out value, out var used)
                                    && used == reader.ValueSpan.Length,
            _ => false,
        };
    }

    private static bool IsCurrency(ReadOnlySpan<byte> v) =>
        v.Length == 3 && char.IsAsciiLetterUpper((char)v[0]) && char.IsAsciiLetterUpper((char)v[1]) && char.IsAsciiLetterUpper((char)v[2]);

    private delegate T SpanFunc<T>(ReadOnlySpan<byte> value);

    private static T WithUnescaped<T>(ref Utf8JsonReader reader, SpanFunc<T> func)
    {
        if (!reader.ValueIsEscaped)
        {
            return func(reader.ValueSpan);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            return func(buffer.AsSpan(0, reader.CopyString(buffer)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
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
