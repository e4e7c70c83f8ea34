using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.Probes;

namespace Monitor.Agent;

/// <summary>One probe result as an agent reports it (one item of <c>results</c> in a report).</summary>
internal sealed record AgentResult
{
    public long Seq { get; init; }

    public string Target { get; init; } = "";

    public string Kind { get; init; } = "";

    public DateTimeOffset StartedAt { get; init; }

    public double DurationSeconds { get; init; }

    public bool Success { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    public string Detail { get; init; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? StatusCode { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ErrorType { get; init; }

    public int Attempts { get; init; } = 1;

    /// <summary>The figures the central reads (certificate seconds left, feed counts); see <see cref="Ingest.Agents.AgentGauges"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, double>? Gauges { get; init; }

    public static AgentResult From(ProbeResult result, long sequence) => new()
    {
        Seq = sequence,
        Target = result.Target,
        Kind = result.Kind,
        StartedAt = result.StartedAt,
        DurationSeconds = result.Duration.TotalSeconds,
        Success = result.Success,
        Reason = result.Reason,
        Detail = result.Detail,
        StatusCode = result.StatusCode,
        ErrorType = result.ErrorType,
        Attempts = result.Attempts,
        Gauges = Ingest.Agents.AgentGauges.ToSend(result),
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, AgentResultJson.Default.AgentResult);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AgentResult))]
internal sealed partial class AgentResultJson : JsonSerializerContext;
