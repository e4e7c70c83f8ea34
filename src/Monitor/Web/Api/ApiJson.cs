using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.Storage;

namespace Monitor.Web.Api;

/// <summary>
/// The JSON of the incident API, both ways: web names (camelCase, read in any case), nulls left out, one line.
/// Generated at build time, as a native build has no reflection to serialize with.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<ApiIncident>))]
[JsonSerializable(typeof(ApiIncidentDetail))]
[JsonSerializable(typeof(IReadOnlyList<ApiCase>))]
[JsonSerializable(typeof(ApiMaintenance))]
[JsonSerializable(typeof(MaintenanceRecord))]
[JsonSerializable(typeof(IReadOnlyList<ApiSilence>))]
[JsonSerializable(typeof(AckReply))]
[JsonSerializable(typeof(MaintenanceStopped))]
[JsonSerializable(typeof(ApiProblem))]
[JsonSerializable(typeof(IncidentApi.AckBody))]
[JsonSerializable(typeof(IncidentApi.MaintenanceBody))]
[JsonSerializable(typeof(IncidentApi.SilenceBody))]
internal sealed partial class ApiJson : JsonSerializerContext;

/// <summary>A refused call: <c>{"status": 404, "error": "no incident INC-9"}</c>, with the same status on the response.</summary>
internal sealed record ApiProblem(int Status, string Error);

/// <summary>What an acknowledgement did (<c>acknowledged</c> or <c>alreadyacknowledged</c>) to which incident.</summary>
internal sealed record AckReply(string Outcome, string Incident);

/// <summary>How many windows in force stopping maintenance ended.</summary>
internal sealed record MaintenanceStopped(int Stopped);
