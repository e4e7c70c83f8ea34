using Monitor.Configuration;

namespace Monitor.Ingest.Parsing;

/// <summary>Action names and the signals they feed.</summary>
internal static class KnownActions
{
    public const int MaxNameLength = 64;

    /// <summary>Sandbox traffic goes to <c>sandbox:&lt;action&gt;</c>, so it never mixes with production.</summary>
    public const string SandboxPrefix = "sandbox:";

    public static IReadOnlyList<string> Builtin => KnownSignals.Actions;

    /// <summary>Actions whose success is exactly HTTP 200, as Google counts fulfillment errors.</summary>
    public static bool IsFulfillment(string action) => action is "checkout" or "submit_order";

    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
