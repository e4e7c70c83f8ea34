using System.Globalization;

namespace Monitor.Probes.Feed.Sources;

/// <summary>Reads a <c>marker.txt</c>: a Unix timestamp (seconds or milliseconds) or an ISO 8601 date-time.</summary>
internal static class MarkerTimestamp
{
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s))
        {
            return false;
        }

        if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            // Ten-digit numbers are seconds until 2286; thirteen-digit ones are milliseconds.
            try
            {
                value = n > 99_999_999_999 ? DateTimeOffset.FromUnixTimeMilliseconds(n) : DateTimeOffset.FromUnixTimeSeconds(n);
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }
        }

        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
