namespace Monitor.Incidents;

/// <summary>Free text a person gives the API or the command line (names, reasons, comments, matchers).</summary>
internal static class RequestText
{
    /// <summary>The longest text kept; longer text is cut, so a stray paste cannot bloat the store or the e-mails.</summary>
    public const int MaxLength = 200;

    /// <summary>The text trimmed and cut to <see cref="MaxLength"/>; null when blank.</summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.Length <= MaxLength ? trimmed : trimmed[..MaxLength];
    }
}
