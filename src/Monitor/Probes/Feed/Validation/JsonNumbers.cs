namespace Monitor.Probes.Feed.Validation;

/// <summary>The number grammar of RFC 8259, section 6, checked by hand on the bytes of a line.</summary>
internal static class JsonNumbers
{
    /// <summary>
    /// The length of the number at the start of <paramref name="s"/>: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>,
    /// followed by the end of the line or a byte that may end a value; 0 when it is not one.
    /// </summary>
    public static int Length(ReadOnlySpan<byte> s)
    {
        var i = 0;
        if (i < s.Length && s[i] == (byte)'-')
        {
            i++;
        }

        if (i >= s.Length)
        {
            return 0;
        }

        if (s[i] == (byte)'0')
        {
            i++;
        }
        else if (IsDigit(s[i]))
        {
            i = Digits(s, i);
        }
        else
        {
            return 0;
        }

        if (i < s.Length && s[i] == (byte)'.')
        {
            var start = ++i;
            i = Digits(s, i);
            if (i == start)
            {
                return 0;
            }
        }

        if (i < s.Length && s[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            var start = i;
            i = Digits(s, i);
            if (i == start)
            {
                return 0;
            }
        }

        // As Utf8JsonReader: a digit run must end at a delimiter ("12a" is not 12 then "a"); '/' counts, as it would open a comment.
        return i == s.Length || s[i] is (byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'/'
            ? i
            : 0;
    }

    private static int Digits(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && IsDigit(s[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
