using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Monitor.Probes.Feed.Validation;

/// <summary>The checks on the values of the properties the scanner knows.</summary>
internal static partial class LineScanner
{
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

    /// <summary>A property name written with escapes (<c>"na\u006De"</c>) is still the same property.</summary>
    private static FeedField IdentifyEscaped(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > 64)
        {
            return FeedField.Other;
        }

        Span<byte> name = stackalloc byte[64];
        return FeedFields.Identify(name[..reader.CopyString(name)]);
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
}
