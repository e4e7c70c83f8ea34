using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace Monitor.Hosting.Reload;

/// <summary>
/// The answers of <c>POST /-/reload</c>, generated at build time as a native build has no reflection to serialize with.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ReloadDenied))]
[JsonSerializable(typeof(ReloadRefused))]
[JsonSerializable(typeof(ReloadApplied))]
internal sealed partial class ReloadJson : JsonSerializerContext
{
    /// <summary>
    /// The web host's own JSON settings, which these answers have always had: web names, nulls written, and the relaxed
    /// escaping of a body that is never embedded in HTML (a problem quoting <c>'abc'</c> keeps its quotes).
    /// </summary>
    public static ReloadJson Web { get; } = new(new JsonOptions().SerializerOptions);
}

/// <summary>A call refused before any reload: <c>{"error": "missing or wrong bearer token"}</c>.</summary>
internal sealed record ReloadDenied(string Error);

/// <summary>A new configuration refused (<c>status</c> is <c>refused</c>) with every problem; the running one stays.</summary>
internal sealed record ReloadRefused(string Status, IReadOnlyList<ReloadProblem> Errors);

/// <summary>One problem of a refused configuration, at its config path.</summary>
internal sealed record ReloadProblem(string Path, string Problem);

/// <summary>A configuration put in force (<c>status</c> is <c>reloaded</c>): what changed, and what waits for a restart.</summary>
internal sealed record ReloadApplied(string Status, string Changes, ReloadNames Targets, ReloadNames Rules, IReadOnlyList<string> KeptUntilRestart);

/// <summary>The targets or rules a reload added, removed and changed, by name.</summary>
internal sealed record ReloadNames(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed);
