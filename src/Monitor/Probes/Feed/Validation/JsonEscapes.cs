using System.Text;

namespace Monitor.Probes.Feed.Validation;

/// <summary>The escapes of JSON strings (RFC 8259, section 7): checked while scanning, decoded only for the values that need it.</summary>
internal static class JsonEscapes
{
    /// <summary>
    /// The length of the escape at the start of <paramref name="s"/> (its backslash first), or 0 when it is not one.
    /// A surrogate pair (<c>\ud83d\ude00</c>) is one escape; <paramref name="lone"/> tells of a half without its other half.
    /// </summary>
    public static int Length(ReadOnlySpan<byte> s, out bool lone)
    {
        lone = false;
        if (s.Length < 2)
        {
            return 0;
        }

        switch (s[1])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return 2;
            case (byte)'u':
                var unit = s.Length >= 6 ? Hex(s[2..6]) : -1;
                if (unit is < 0xD800 or > 0xDFFF)
                {
                    return unit < 0 ? 0 : 6;
                }

                var low = unit <= 0xDBFF && s.Length >= 12 && s[6] == (byte)'\\' && s[7] == (byte)'u' ? Hex(s[8..12]) : -1;
                if (low is >= 0xDC00 and <= 0xDFFF)
                {
                    return 12;
                }

                lone = true;
                return 6;
            default:
                return 0;
        }
    }

    /// <summary>
    /// Decodes an escaped string's raw bytes into <paramref name="destination"/> (never longer than the source).
    /// False for a surrogate escape without its other half (<c>\ud83d</c> alone), which names no character.
    /// </summary>
    public static bool TryUnescape(ReadOnlySpan<byte> source, Span<byte> destination, out int written)
    {
        written = 0;
        var i = 0;
        while (i < source.Length)
        {
            var slash = source[i..].IndexOf((byte)'\\');
            var plain = slash < 0 ? source[i..] : source.Slice(i, slash);
            if (!plain.TryCopyTo(destination[written..]))
            {
                return false;
            }

            written += plain.Length;
            if (slash < 0)
            {
                return true;
            }

            i += slash;
            if (source.Length - i < 2)
            {
                return false;
            }

            int scalar;
            switch (source[i + 1])
            {
                case (byte)'b': scalar = '\b'; i += 2; break;
                case (byte)'f': scalar = '\f'; i += 2; break;
                case (byte)'n': scalar = '\n'; i += 2; break;
                case (byte)'r': scalar = '\r'; i += 2; break;
                case (byte)'t': scalar = '\t'; i += 2; break;
                case (byte)'u':
                    scalar = source.Length - i >= 6 ? Hex(source.Slice(i + 2, 4)) : -1;
                    i += 6;
                    if (scalar is >= 0xDC00 and <= 0xDFFF)
                    {
                        return false;
                    }

                    if (scalar is >= 0xD800 and <= 0xDBFF)
                    {
                        var low = source.Length - i >= 6 && source[i] == (byte)'\\' && source[i + 1] == (byte)'u' ? Hex(source.Slice(i + 2, 4)) : -1;
                        if (low is < 0xDC00 or > 0xDFFF)
                        {
                            return false;
                        }

                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00);
                        i += 6;
                    }

                    break;
                default: scalar = source[i + 1]; i += 2; break;
            }

            if (scalar < 0 || !new Rune(scalar).TryEncodeToUtf8(destination[written..], out var n))
            {
                return false;
            }

            written += n;
        }

        return true;
    }

    private static int Hex(ReadOnlySpan<byte> four)
    {
        var value = 0;
        foreach (var b in four)
        {
            var d = HexDigit(b);
            if (d < 0)
            {
                return -1;
            }

            value = (value << 4) | d;
        }

        return value;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
