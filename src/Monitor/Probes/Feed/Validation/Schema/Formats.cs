using System.Buffers.Text;

namespace Monitor.Probes.Feed.Validation.Schema;

/// <summary>The text formats of the schema, checked on UTF-8 bytes without allocating.</summary>
internal static class Formats
{
    /// <summary>
    /// <c>Thh:mm</c>, <c>Thh:mm:ss</c> or with fractions, then optionally <c>Z</c> or <c>±hh:mm</c>; 24:00:00 is midnight
    /// at the end of the day. The leading <c>T</c> may be left out: Google's Service entity example writes <c>"opens":"11:00"</c>.
    /// </summary>
    public static bool IsTime(ReadOnlySpan<byte> v)
    {
        if (!v.IsEmpty && v[0] == (byte)'T')
        {
            v = v[1..];
        }

        return IsClock(v);
    }

    private static bool IsClock(ReadOnlySpan<byte> v)
    {
        if (v.Length < 5 || !TwoDigits(v, 24, out var hour) || v[2] != (byte)':' || !TwoDigits(v[3..], 59, out var minute))
        {
            return false;
        }

        var rest = v[5..];
        var second = 0;
        if (!rest.IsEmpty && rest[0] == (byte)':')
        {
            if (rest.Length < 3 || !TwoDigits(rest[1..], 59, out second))
            {
                return false;
            }

            rest = rest[3..];
            if (!rest.IsEmpty && rest[0] == (byte)'.')
            {
                var digits = 1;
                while (digits < rest.Length && char.IsAsciiDigit((char)rest[digits]))
                {
                    digits++;
                }

                if (digits == 1)
                {
                    return false;
                }

                rest = rest[digits..];
            }
        }

        if (hour == 24 && (minute != 0 || second != 0))
        {
            return false;
        }

        return rest.IsEmpty || (rest.Length == 1 && rest[0] == (byte)'Z') || IsOffset(rest);
    }

    /// <summary>An ISO 8601 duration: <c>P</c>, then years, months, weeks, days, and after <c>T</c> hours, minutes, seconds; at least one part.</summary>
    public static bool IsDuration(ReadOnlySpan<byte> v)
    {
        if (v.Length < 3 || v[0] != (byte)'P')
        {
            return false;
        }

        var order = "YMWD"u8;
        var timeOrder = "HMS"u8;
        var inTime = false;
        var last = -1;
        var parts = 0;
        var i = 1;
        while (i < v.Length)
        {
            if (v[i] == (byte)'T')
            {
                if (inTime || i == v.Length - 1)
                {
                    return false;
                }

                inTime = true;
                last = -1;
                i++;
                continue;
            }

            var start = i;
            while (i < v.Length && (char.IsAsciiDigit((char)v[i]) || v[i] == (byte)'.'))
            {
                i++;
            }

            if (i == start || i == v.Length)
            {
                return false;
            }

            var unit = (inTime ? timeOrder : order).IndexOf(v[i]);
            if (unit <= last || (v[start..i].Contains((byte)'.') && !(inTime && v[i] == (byte)'S')))
            {
                return false;
            }

            last = unit;
            parts++;
            i++;
        }

        return parts > 0;
    }

    /// <summary><c>+</c>, then 7 to 15 digits with single spaces, dots, dashes or brackets between them.</summary>
    public static bool IsTelephone(ReadOnlySpan<byte> v)
    {
        if (v.Length < 8 || v[0] != (byte)'+')
        {
            return false;
        }

        var digits = 0;
        foreach (var b in v[1..])
        {
            if (char.IsAsciiDigit((char)b))
            {
                digits++;
            }
            else if (b is not ((byte)' ' or (byte)'-' or (byte)'.' or (byte)'(' or (byte)')'))
            {
                return false;
            }
        }

        return digits is >= 7 and <= 15 && char.IsAsciiDigit((char)v[^1]);
    }

    /// <summary>An absolute http(s) URL with a host and no whitespace or control characters.</summary>
    public static bool IsUrl(ReadOnlySpan<byte> v)
    {
        ReadOnlySpan<byte> rest;
        if (v.StartsWith("https://"u8))
        {
            rest = v[8..];
        }
        else if (v.StartsWith("http://"u8))
        {
            rest = v[7..];
        }
        else
        {
            return false;
        }

        var hostEnd = rest.IndexOfAny("/?#"u8);
        var host = hostEnd < 0 ? rest : rest[..hostEnd];
        if (host.IsEmpty || host[0] is (byte)'.' or (byte)':')
        {
            return false;
        }

        foreach (var b in v)
        {
            if (b <= 0x20 || b == 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Space-separated latitude longitude pairs, at least three points, each in range.</summary>
    public static bool IsPolygon(ReadOnlySpan<byte> v)
    {
        var numbers = 0;
        while (true)
        {
            var start = v.IndexOfAnyExcept((byte)' ');
            if (start < 0)
            {
                break;
            }

            v = v[start..];
            var end = v.IndexOf((byte)' ');
            var token = end < 0 ? v : v[..end];
            if (!Utf8Parser.TryParse(token, out double value, out var used) || used != token.Length || !double.IsFinite(value)
                || Math.Abs(value) > (numbers % 2 == 0 ? 90 : 180))
            {
                return false;
            }

            numbers++;
            v = end < 0 ? default : v[end..];
        }

        return numbers >= 6 && numbers % 2 == 0;
    }

    /// <summary><c>+hh:mm</c>, <c>-hh:mm</c> or <c>+hhmm</c>.</summary>
    private static bool IsOffset(ReadOnlySpan<byte> v) =>
        v.Length is 5 or 6 && v[0] is (byte)'+' or (byte)'-' && TwoDigits(v[1..], 23, out _)
        && (v.Length == 6 ? v[3] == (byte)':' && TwoDigits(v[4..], 59, out _) : TwoDigits(v[3..], 59, out _));

    private static bool TwoDigits(ReadOnlySpan<byte> v, int max, out int value)
    {
        value = 0;
        if (v.Length < 2 || !char.IsAsciiDigit((char)v[0]) || !char.IsAsciiDigit((char)v[1]))
        {
            return false;
        }

        value = ((v[0] - '0') * 10) + (v[1] - '0');
        return value <= max;
    }
}
