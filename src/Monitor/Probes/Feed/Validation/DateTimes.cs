using System.Text.Json;

namespace Monitor.Probes.Feed.Validation;

/// <summary>ISO 8601 date-times as the feed spec wants them: a date, a time and an explicit offset.</summary>
internal static class DateTimes
{
    public static bool TryRead(ref JsonLineReader reader, ref DateCache cache, out DateTimeOffset value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            return false;
        }

        var text = reader.ValueSpan;
        if (cache.Text is { } last && text.SequenceEqual(last.AsSpan(0, cache.Length)))
        {
            value = cache.Value;
            return true;
        }

        if (!HasOffset(text) || !reader.TryGetDateTimeOffset(out value))
        {
            return false;
        }

        if (text.Length <= 64)
        {
            cache.Text ??= new byte[64];
            text.CopyTo(cache.Text);
            cache.Length = text.Length;
            cache.Value = value;
        }

        return true;
    }

    /// <summary>
    /// The reader accepts a time without an offset (and takes it as local time); the spec does not,
    /// so the offset is checked separately: <c>Z</c>, <c>+hh:mm</c> or <c>+hhmm</c> after the time.
    /// </summary>
    internal static bool HasOffset(ReadOnlySpan<byte> v)
    {
        var t = v.IndexOf((byte)'T');
        if (t < 0)
        {
            return false;
        }

        var time = v[(t + 1)..];
        if (time.Length > 0 && (time[^1] == (byte)'Z' || time[^1] == (byte)'z'))
        {
            return true;
        }

        var sign = time.LastIndexOfAny((byte)'+', (byte)'-');
        if (sign < 0)
        {
            return false;
        }

        var offset = time[(sign + 1)..];
        return offset.Length switch
        {
            5 => IsDigits(offset[..2]) && offset[2] == (byte)':' && IsDigits(offset[3..]),
            4 => IsDigits(offset),
            _ => false,
        };
    }

    private static bool IsDigits(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// The last date-time parsed by one worker: feeds repeat the same few timestamps on millions of lines,
/// so remembering it skips most of the parsing. Owned by the block being validated, not by a thread.
/// </summary>
internal struct DateCache
{
    public byte[]? Text;
    public int Length;
    public DateTimeOffset Value;
}
