using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// Reads the tokens of one NDJSON line, as <see cref="Utf8JsonReader"/> would on the whole line with
/// <c>MaxDepth</c> 64, but only what a feed line needs: one value, no comments, no trailing commas,
/// the line already in memory. Broken JSON does not throw: <see cref="Read"/> returns false from then
/// on and <see cref="Failed"/> says why it stopped, which costs nothing on the millions of good lines.
/// UTF-8 is not checked here; the caller checks whole blocks at once.
/// </summary>
internal ref struct JsonLineReader
{
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _data;
    private int _pos;
    private int _depth;
    private ulong _inObject; // bit d: the container at depth d + 1 is an object
    private Expect _expect;

    public JsonLineReader(ReadOnlySpan<byte> data) => _data = data;

    private enum Expect : byte
    {
        Value,
        FirstNameOrEnd,
        FirstValueOrEnd,
        CommaOrEnd,
        Nothing,
    }

    public JsonTokenType TokenType { get; private set; }

    /// <summary>A string's or property name's raw bytes between the quotes, or a number's bytes.</summary>
    public ReadOnlySpan<byte> ValueSpan { get; private set; }

    public bool ValueIsEscaped { get; private set; }

    public int TokenStartIndex { get; private set; }

    /// <summary>As <see cref="Utf8JsonReader.CurrentDepth"/>: a container's start and end tokens have the depth of the container itself.</summary>
    public readonly int CurrentDepth => TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? _depth - 1 : _depth;

    /// <summary>True once the line turned out not to be JSON; every later <see cref="Read"/> returns false.</summary>
    public bool Failed { get; private set; }

    /// <summary>True once a string held an escaped half of a surrogate pair without the other half.</summary>
    public bool HasLoneSurrogate { get; private set; }

    public bool Read()
    {
        if (Failed)
        {
            return false;
        }

        var pos = SkipWhiteSpace(_pos);
        switch (_expect)
        {
            case Expect.Value:
                return ReadValue(pos);

            case Expect.FirstNameOrEnd:
                if (pos < _data.Length && _data[pos] == (byte)'}')
                {
                    return End(pos, JsonTokenType.EndObject);
                }

                return ReadName(pos);

            case Expect.FirstValueOrEnd:
                if (pos < _data.Length && _data[pos] == (byte)']')
                {
                    return End(pos, JsonTokenType.EndArray);
                }

                return ReadValue(pos);

            case Expect.CommaOrEnd:
                if (pos >= _data.Length)
                {
                    return Fail();
                }

                var inObject = InObject;
                var c = _data[pos];
                if (c == (byte)',')
                {
                    pos = SkipWhiteSpace(pos + 1);
                    return inObject ? ReadName(pos) : ReadValue(pos);
                }

                return c == (inObject ? (byte)'}' : (byte)']')
                    ? End(pos, inObject ? JsonTokenType.EndObject : JsonTokenType.EndArray)
                    : Fail();

            default:
                // After the one value of the line only whitespace may follow.
                if (pos < _data.Length)
                {
                    return Fail();
                }

                TokenType = JsonTokenType.None;
                return false;
        }
    }

    /// <summary>Reads past the value that starts at the current token: a container to its end, anything else is already read.</summary>
    public void Skip()
    {
        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        var depth = CurrentDepth;
        while (Read() && CurrentDepth > depth)
        {
        }
    }

    /// <summary>Whether the string or name, unescaped, is <paramref name="text"/>.</summary>
    public readonly bool ValueTextEquals(ReadOnlySpan<byte> text)
    {
        if (!ValueIsEscaped)
        {
            return ValueSpan.SequenceEqual(text);
        }

        // Unescaping never lengthens, so a value whose raw form is much longer can still match; bound it by the buffer.
        if (ValueSpan.Length > 256)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[256];
        return JsonEscapes.TryUnescape(ValueSpan, buffer, out var written) && buffer[..written].SequenceEqual(text);
    }

    /// <summary>
    /// Reads a string token as an ISO 8601 date-time with the rules of <see cref="Utf8JsonReader.TryGetDateTimeOffset"/>,
    /// by handing it the token: the same values pass and fail, and a feed's few distinct date-times are parsed once each.
    /// </summary>
    public readonly bool TryGetDateTimeOffset(out DateTimeOffset value)
    {
        value = default;
        if (TokenType != JsonTokenType.String)
        {
            return false;
        }

        var token = new Utf8JsonReader(_data.Slice(TokenStartIndex, ValueSpan.Length + 2));
        return token.Read() && token.TryGetDateTimeOffset(out value);
    }

    private readonly bool InObject => (_inObject & (1UL << (_depth - 1))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int SkipWhiteSpace(int pos)
    {
        var data = _data;
        while ((uint)pos < (uint)data.Length && data[pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            pos++;
        }

        return pos;
    }

    private bool ReadName(int pos)
    {
        if (pos >= _data.Length || _data[pos] != (byte)'"' || !ScanString(pos))
        {
            return Fail();
        }

        var colon = SkipWhiteSpace(_pos);
        if (colon >= _data.Length || _data[colon] != (byte)':')
        {
            return Fail();
        }

        _pos = colon + 1;
        TokenType = JsonTokenType.PropertyName;
        _expect = Expect.Value;
        return true;
    }

    private bool ReadValue(int pos)
    {
        if (pos >= _data.Length)
        {
            return Fail();
        }

        TokenStartIndex = pos;
        switch (_data[pos])
        {
            case (byte)'"':
                if (!ScanString(pos))
                {
                    return Fail();
                }

                TokenType = JsonTokenType.String;
                break;

            case (byte)'{':
                return Start(pos, JsonTokenType.StartObject);

            case (byte)'[':
                return Start(pos, JsonTokenType.StartArray);

            case (byte)'t':
                return Literal(pos, "true"u8, JsonTokenType.True);

            case (byte)'f':
                return Literal(pos, "false"u8, JsonTokenType.False);

            case (byte)'n':
                return Literal(pos, "null"u8, JsonTokenType.Null);

            default:
                // As Utf8JsonReader: a number that ends the line inside a container is cut off, not complete.
                var length = JsonNumbers.Length(_data[pos..]);
                if (length <= 0 || (_depth > 0 && pos + length == _data.Length))
                {
                    return Fail();
                }

                ValueSpan = _data.Slice(pos, length);
                ValueIsEscaped = false;
                _pos = pos + length;
                TokenType = JsonTokenType.Number;
                break;
        }

        AfterValue();
        return true;
    }

    /// <summary>Scans the string whose quote is at <paramref name="quote"/>, leaving <see cref="_pos"/> after its closing quote.</summary>
    /// <remarks>
    /// Inlined into its two callers, as dynamic PGO does: reading every token of 300 MB of feed took 0.28 to 0.32
    /// CPU-s with the call and 0.24 to 0.26 without it.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ScanString(int quote)
    {
        var start = quote + 1;
        var i = start;
        var escaped = false;
        while (true)
        {
            i = IndexOfStop(_data, i);
            if (i < 0)
            {
                return false;
            }

            var b = _data[i];
            if (b == (byte)'"')
            {
                break;
            }

            if (b != (byte)'\\')
            {
                return false;
            }

            var length = JsonEscapes.Length(_data[i..], out var lone);
            if (length == 0)
            {
                return false;
            }

            HasLoneSurrogate |= lone;

            escaped = true;
            i += length;
        }

        TokenStartIndex = quote;
        ValueSpan = _data[start..i];
        ValueIsEscaped = escaped;
        _pos = i + 1;
        return true;
    }

    /// <summary>
    /// The first byte at or after <paramref name="from"/> that ends a run of plain string bytes: the closing
    /// quote, an escape, or a control byte JSON forbids; -1 when there is none.
    /// </summary>
    /// <remarks>
    /// Written out rather than <c>IndexOfAny(SearchValues)</c>: that is a virtual call into a general searcher,
    /// which only dynamic PGO devirtualises and inlines, and the daemon runs without PGO. Names and values are
    /// mostly shorter than a vector, so the setup of the general searcher weighed more than the search: 5.8% of
    /// validate-feed's CPU samples were in it.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOfStop(ReadOnlySpan<byte> data, int from)
    {
        var i = from;
        if (Vector128.IsHardwareAccelerated && data.Length >= Vector128<byte>.Count)
        {
            ref var start = ref MemoryMarshal.GetReference(data);
            var quote = Vector128.Create((byte)'"');
            var backslash = Vector128.Create((byte)'\\');
            var space = Vector128.Create((byte)0x20);
            var last = data.Length - Vector128<byte>.Count;
            while (true)
            {
                // The last vector of the line overlaps bytes already searched; they are shifted out of the mask.
                var at = Math.Min(i, last);
                var v = Vector128.LoadUnsafe(ref start, (nuint)at);
                var hits = Vector128.Equals(v, quote) | Vector128.Equals(v, backslash) | Vector128.LessThan(v, space);
                var mask = hits.ExtractMostSignificantBits() >> (i - at);
                if (mask != 0)
                {
                    return i + BitOperations.TrailingZeroCount(mask);
                }

                i = at + Vector128<byte>.Count;
                if (i >= data.Length)
                {
                    return -1;
                }
            }
        }

        for (; (uint)i < (uint)data.Length; i++)
        {
            var b = data[i];
            if (b is (byte)'"' or (byte)'\\' or < 0x20)
            {
                return i;
            }
        }

        return -1;
    }

    private bool Literal(int pos, ReadOnlySpan<byte> literal, JsonTokenType type)
    {
        if (!_data[pos..].StartsWith(literal))
        {
            return Fail();
        }

        ValueSpan = _data.Slice(pos, literal.Length);
        ValueIsEscaped = false;
        _pos = pos + literal.Length;
        TokenType = type;
        AfterValue();
        return true;
    }

    private bool Start(int pos, JsonTokenType type)
    {
        if (_depth >= MaxDepth)
        {
            return Fail();
        }

        var bit = 1UL << _depth;
        _inObject = type == JsonTokenType.StartObject ? _inObject | bit : _inObject & ~bit;
        _depth++;
        _pos = pos + 1;
        TokenStartIndex = pos;
        ValueSpan = _data.Slice(pos, 1);
        ValueIsEscaped = false;
        TokenType = type;
        _expect = type == JsonTokenType.StartObject ? Expect.FirstNameOrEnd : Expect.FirstValueOrEnd;
        return true;
    }

    private bool End(int pos, JsonTokenType type)
    {
        _depth--;
        _pos = pos + 1;
        TokenStartIndex = pos;
        ValueSpan = _data.Slice(pos, 1);
        ValueIsEscaped = false;
        TokenType = type;
        AfterValue();
        return true;
    }

    private void AfterValue() => _expect = _depth == 0 ? Expect.Nothing : Expect.CommaOrEnd;

    private bool Fail()
    {
        Failed = true;
        TokenType = JsonTokenType.None;
        ValueSpan = default;
        ValueIsEscaped = false;
        return false;
    }
}
