using System.Text.Json;

namespace Monitor.Ingest.Parsing;

/// <summary>The fields of an observation line.</summary>
internal enum ObservationField
{
    Unknown,
    Time,
    Action,
    RestaurantId,
    Status,
    ErrorType,
    LatencyMs,
    Sandbox,
    Timeout,
    OrderId,
}

/// <summary>
/// Names a property by its raw UTF-8 bytes: a length switch and one vectorised compare, cheaper
/// than asking the reader to compare each candidate in turn. Escaped names (rare) are unescaped first.
/// </summary>
internal static class ObservationFields
{
    public static ObservationField Identify(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped || reader.HasValueSequence ? IdentifyUnescaped(ref reader) : Identify(reader.ValueSpan);

    private static ObservationField IdentifyUnescaped(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > 64)
        {
            return ObservationField.Unknown;
        }

        Span<byte> buffer = stackalloc byte[64];
        return Identify(buffer[..reader.CopyString(buffer)]);
    }

    private static ObservationField Identify(ReadOnlySpan<byte> name)
    {
        return name.Length switch
        {
            4 when name.SequenceEqual("time"u8) => ObservationField.Time,
            6 when name.SequenceEqual("action"u8) => ObservationField.Action,
            6 when name.SequenceEqual("status"u8) => ObservationField.Status,
            7 when name.SequenceEqual("sandbox"u8) => ObservationField.Sandbox,
            7 when name.SequenceEqual("timeout"u8) => ObservationField.Timeout,
            7 when name.SequenceEqual("orderId"u8) => ObservationField.OrderId,
            9 when name.SequenceEqual("errorType"u8) => ObservationField.ErrorType,
            9 when name.SequenceEqual("latencyMs"u8) => ObservationField.LatencyMs,
            12 when name.SequenceEqual("restaurantId"u8) => ObservationField.RestaurantId,
            _ => ObservationField.Unknown,
        };
    }
}
