using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Web;

/// <summary>
/// The JSON of the status, targets, rules and locations API: web names (camelCase), nulls left out, indented for
/// whoever reads it with curl. Generated at build time, as a native build has no reflection to serialize with.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(StatusSnapshot))]
[JsonSerializable(typeof(IReadOnlyList<TargetView>))]
[JsonSerializable(typeof(IReadOnlyList<RuleView>))]
[JsonSerializable(typeof(LocationsView))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class StatusJson : JsonSerializerContext;

/// <summary>The body of a 404 of the read API: <c>{"error": "no rule named 'x'"}</c>.</summary>
internal sealed record ErrorBody(string Error);
