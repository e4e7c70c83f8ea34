using System.Text.Json;

namespace Monitor.Ingest.Parsing;

/// <summary>Reads the <c>time</c> field: ISO 8601 with an explicit offset, so no line depends on the daemon's time zone.</summary>
internal static class ObservationTime
{
    public static bool TryRead(ref Utf8JsonReader reader, out DateTimeOffset time)
    {
        time = default;
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return false;
        }

        return HasOffset(reader.ValueSpan) && reader.TryGetDateTimeOffset(out time);
    }

    private static bool HasOffset(ReadOnlySpan<byte> text)
    {
        if (text.Length < 11)
        {
            return false;
        }

        if (text[^1] is (byte)'Z' or (byte)'z')
        {
            return true;
        }

        // ...+hh:mm or ...-hh:mm after the time part (the date's own dashes come before the 'T').
        return text.Length >= 6 && text[^6] is (byte)'+' or (byte)'-' && text[^3] == (byte)':'
            && text.IndexOfAny((byte)'T', (byte)'t') is > 0 and var t && t < text.Length - 6;
    }
}
