using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.Notifications.Outbox;
using Monitor.Rules.Alerts;

namespace Monitor.Incidents;

/// <summary>The figures that fired, in a stable JSON shape kept with the incident and shown in messages and cases.</summary>
internal sealed record IncidentFigures(
    double Value,
    double Threshold,
    long Samples,
    long Failures,
    int DistinctRestaurants,
    double WindowSeconds,
    IReadOnlyList<ErrorTypeCount> TopErrorTypes,
    IReadOnlyList<string> AffectedRestaurants)
{
    /// <summary>The reference the value was compared with (a baseline, or the short-window burn rate), when there is one.</summary>
    public double? Baseline { get; init; }

    /// <summary>The current level of a gauge, for gauge rules.</summary>
    public double? Current { get; init; }

    public static IncidentFigures From(AlertFigures f) => new(
        f.Value, f.Threshold, f.Samples, f.Failures, f.DistinctRestaurants, f.Window.TotalSeconds,
        [.. f.TopErrorTypes.Select(e => new ErrorTypeCount(e.Key, e.Value))], [.. f.AffectedRestaurants])
    {
        Baseline = f.Baseline,
        Current = f.Current,
    };

    public string ToJson() => PayloadJson.Serialize(this, IncidentFiguresJson.Default.IncidentFigures);

    public static IncidentFigures? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json == "{}")
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, IncidentFiguresJson.Default.IncidentFigures);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

internal sealed record ErrorTypeCount(string Type, long Count);

/// <summary>The figures as JSON, as the outbox payloads are written: web names, nulls left out, one line.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IncidentFigures))]
internal sealed partial class IncidentFiguresJson : JsonSerializerContext;
