using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Monitor.Probes.Feed.Validation.Schema;

namespace Monitor.Probes.Feed.Validation;

/// <summary>The check of one value against its property's rule.</summary>
internal static partial class LineScanner
{
    private static FeedError Value(ref JsonLineReader reader, PropertyRule rule, ref State s)
    {
        switch (rule.Kind)
        {
            case ValueKind.Text:
                return reader.TokenType is JsonTokenType.String or JsonTokenType.Number ? FeedError.None : SkipWith(ref reader, FeedError.WrongType);

            case ValueKind.NonEmptyText:
                return reader.TokenType switch
                {
                    JsonTokenType.String => reader.ValueSpan.IsEmpty || reader.ValueSpan.IndexOfAnyExcept((byte)' ') < 0 ? FeedError.BadValue : FeedError.None,
                    JsonTokenType.Number => FeedError.None,
                    _ => SkipWith(ref reader, FeedError.WrongType),
                };

            case ValueKind.Integer:
                if (!TryInteger(ref reader, out var integer))
                {
                    return SkipWith(ref reader, FeedError.WrongType);
                }

                return InRange(rule, integer, ref s);

            case ValueKind.Number:
                if (!TryNumber(ref reader, out var number))
                {
                    // Prices and coordinates keep the codes they always had, whatever the fault.
                    return SkipWith(ref reader, rule.RangeCode == FeedError.OutOfRange ? FeedError.WrongType : rule.RangeCode);
                }

                return InRange(rule, number, ref s);

            case ValueKind.Boolean:
                return reader.TokenType is JsonTokenType.True or JsonTokenType.False ? FeedError.None : SkipWith(ref reader, FeedError.WrongType);

            case ValueKind.DateTime:
                if (!DateTimes.TryRead(ref reader, ref s.Dates, out var at))
                {
                    return SkipWith(ref reader, FeedError.BadDateTime);
                }

                if (rule.Role == PropertyRole.DateModified)
                {
                    s.Rec.HasDateModified = true;
                    s.Rec.Stale = at.UtcTicks < s.StaleBefore;
                }

                Capture(rule, at.UtcTicks, ref s);
                return FeedError.None;

            case ValueKind.Enum:
                if (reader.TokenType != JsonTokenType.String)
                {
                    return SkipWith(ref reader, FeedError.BadEnum);
                }

                var raw = reader.ValueSpan;
                for (var v = 0; v < rule.ValueBytes.Length; v++)
                {
                    if (raw.SequenceEqual(rule.ValueBytes[v]))
                    {
                        if (rule.Role == PropertyRole.ServiceType)
                        {
                            s.Rec.ServiceType = (byte)(v + 1);
                        }

                        return FeedError.None;
                    }
                }

                return FeedError.BadEnum;

            case ValueKind.Object:
                return reader.TokenType == JsonTokenType.StartObject ? SkipNested(ref reader) : SkipWith(ref reader, FeedError.WrongType);

            case ValueKind.Time:
                return Text<TimeFormat>(ref reader, FeedError.BadTime);
            case ValueKind.Duration:
                return Text<DurationFormat>(ref reader, FeedError.BadDuration);
            case ValueKind.Currency:
                return Text<CurrencyFormat>(ref reader, FeedError.BadCurrency);
            case ValueKind.Country:
                return Text<CountryFormat>(ref reader, FeedError.BadCountry);
            case ValueKind.Telephone:
                return Text<TelephoneFormat>(ref reader, FeedError.BadTelephone);
            case ValueKind.Url:
                return Text<UrlFormat>(ref reader, FeedError.BadUrl);
            case ValueKind.Polygon:
                return Text<PolygonFormat>(ref reader, FeedError.BadPolygon);
            default:
                return SkipNested(ref reader);
        }
    }

    private static FeedError InRange(PropertyRule rule, double value, ref State s)
    {
        if ((rule.Min is { } min && value < min) || (rule.Max is { } max && value > max))
        {
            return rule.RangeCode;
        }

        Capture(rule, value, ref s);
        return FeedError.None;
    }

    private static void Capture(PropertyRule rule, double value, ref State s)
    {
        var slot = s.Schema!.Captures[rule.Index];
        if (slot >= 0)
        {
            s.Values[slot] = value;
            s.Captured |= 1UL << rule.Index;
        }
    }

    private static FeedError Text<TFormat>(ref JsonLineReader reader, FeedError error)
        where TFormat : ISpanCheck<bool> =>
        reader.TokenType == JsonTokenType.String
            ? WithUnescaped<bool, TFormat>(ref reader) ? FeedError.None : error
            : SkipWith(ref reader, error);

    private static FeedError ReadId(ref JsonLineReader reader, ref LineRecord rec)
    {
        rec.IdStart = reader.TokenStartIndex + (reader.TokenType == JsonTokenType.String ? 1 : 0);
        rec.IdLength = reader.ValueSpan.Length;

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
            // An id that cannot be decoded (a lone surrogate escape) is no usable id; the line also gets bad_utf8.
            return JsonEscapes.TryUnescape(raw, buffer, out var n) ? Identify(buffer.AsSpan(0, n), ref rec) : FeedError.BadId;
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

    private static bool TryNumber(ref JsonLineReader reader, out double value)
    {
        value = 0;
        return reader.TokenType switch
        {
            JsonTokenType.Number => Utf8Parser.TryParse(reader.ValueSpan, out value, out var read)
                                    && read == reader.ValueSpan.Length && double.IsFinite(value),
            // The schema coerces numeric strings (Google's own examples quote coordinates).
            JsonTokenType.String => !reader.ValueIsEscaped
                                    && Utf8Parser.TryParse(reader.ValueSpan, out value, out var used)
                                    && used == reader.ValueSpan.Length && double.IsFinite(value),
            _ => false,
        };
    }

    private static bool TryInteger(ref JsonLineReader reader, out double value)
    {
        value = 0;
        long n = 0;
        var ok = reader.TokenType switch
        {
            JsonTokenType.Number => Utf8Parser.TryParse(reader.ValueSpan, out n, out var read) && read == reader.ValueSpan.Length,
            // An integer property accepts a string that parses as an integer.
            JsonTokenType.String => !reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out n, out var used)
                                    && used == reader.ValueSpan.Length,
            _ => false,
        };
        value = n;
        return ok;
    }

    private static T WithUnescaped<T, TCheck>(ref JsonLineReader reader)
        where TCheck : ISpanCheck<T>
    {
        if (!reader.ValueIsEscaped)
        {
            return TCheck.Of(reader.ValueSpan);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            // A value that cannot be decoded is checked as empty, which no format accepts.
            return TCheck.Of(JsonEscapes.TryUnescape(reader.ValueSpan, buffer, out var n) ? buffer.AsSpan(0, n) : default);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
