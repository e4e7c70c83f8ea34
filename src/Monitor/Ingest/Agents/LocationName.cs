namespace Monitor.Ingest.Agents;

/// <summary>What a location name may be: it becomes part of signal names and a metric label value.</summary>
internal static class LocationName
{
    public const int MaxLength = 40;

    public const string Rule = "1 to 40 letters, digits, '-', '_' or '.'";

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
