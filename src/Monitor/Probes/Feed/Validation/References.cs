using System.Buffers;
using System.Text.Json;

namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// Reads a reference property. The schema writes them as a plain id (<c>"restaurantId": "r1"</c>),
/// an object with an <c>@id</c> (<c>"menuId": {"@id": "m1", "displayOrder": 1}</c>) or an array of
/// either; every id found is checked. A problem in a list names its element.
/// </summary>
internal static class References
{
    /// <summary>Reads the reference at the reader; every id found is added to <paramref name="hashes"/>, in order.</summary>
    public static FeedError Read(ref JsonLineReader reader, List<ulong> hashes, out int element)
    {
        element = -1;
        ulong hash;
        FeedError found;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
            case JsonTokenType.Number:
                found = Hash(ref reader, out hash);
                Keep(hashes, hash);
                return found;

            case JsonTokenType.StartObject:
                found = ReadObject(ref reader, out hash);
                Keep(hashes, hash);
                return found;

            case JsonTokenType.StartArray:
                var depth = reader.CurrentDepth;
                var error = FeedError.None;
                var index = -1;
                while (reader.Read() && reader.CurrentDepth > depth)
                {
                    if (reader.CurrentDepth == depth + 1 && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
                    {
                        index++;
                    }

                    hash = 0;
                    var e = reader.CurrentDepth == depth + 1
                        ? reader.TokenType switch
                        {
                            JsonTokenType.String or JsonTokenType.Number => Hash(ref reader, out hash),
                            JsonTokenType.StartObject => ReadObject(ref reader, out hash),
                            JsonTokenType.Null => FeedError.NullValue,
                            _ => LineScanner.SkipNested(ref reader),
                        }
                        : reader.TokenType == JsonTokenType.Null ? FeedError.NullValue : FeedError.None;
                    Keep(hashes, hash);
                    if (error == FeedError.None && e != FeedError.None)
                    {
                        error = e;
                        element = index;
                    }
                }

                return error == FeedError.None && hashes.Count == 0 ? FeedError.BadValue : error;

            default:
                return FeedError.BadValue;
        }
    }

    /// <summary>Reads a reference written as a plain id (a string or a number).</summary>
    public static FeedError ReadId(ref JsonLineReader reader, out ulong hash) => Hash(ref reader, out hash);

    private static void Keep(List<ulong> hashes, ulong hash)
    {
        if (hash != 0)
        {
            hashes.Add(hash);
        }
    }

    private static FeedError ReadObject(ref JsonLineReader reader, out ulong hash)
    {
        hash = 0;
        var depth = reader.CurrentDepth;
        var error = FeedError.None;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var isId = reader.ValueTextEquals("@id"u8);
            reader.Read();
            var e = reader.TokenType switch
            {
                JsonTokenType.Null => FeedError.NullValue,
                JsonTokenType.String or JsonTokenType.Number when isId => Hash(ref reader, out hash),
                _ => LineScanner.SkipNested(ref reader),
            };
            if (error == FeedError.None)
            {
                error = e;
            }
        }

        return error == FeedError.None && hash == 0 ? FeedError.BadValue : error;
    }

    private static FeedError Hash(ref JsonLineReader reader, out ulong hash)
    {
        hash = 0;
        if (!reader.ValueIsEscaped)
        {
            if (reader.ValueSpan.IsEmpty)
            {
                return FeedError.BadValue;
            }

            hash = IdHash.Of(reader.ValueSpan);
            return FeedError.None;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            var n = JsonEscapes.TryUnescape(reader.ValueSpan, buffer, out var written) ? written : 0;
            hash = n == 0 ? 0 : IdHash.Of(buffer.AsSpan(0, n));
            return n == 0 ? FeedError.BadValue : FeedError.None;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
