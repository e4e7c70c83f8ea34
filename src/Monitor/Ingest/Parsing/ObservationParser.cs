using System.Text.Json;

namespace Monitor.Ingest.Parsing;

/// <summary>
/// Reads one observation (a JSON object) with <see cref="Utf8JsonReader"/>: field names are compared as
/// UTF-8 bytes and strings come from a pool, so a well-formed line over known restaurants allocates nothing.
/// Unknown fields are skipped so that senders can add fields before the daemon knows them.
/// </summary>
internal sealed class ObservationParser(ActionCatalog actions, StringPool strings)
{
    private const int MaxRestaurantIdLength = 300;
    private const int MaxErrorTypeLength = 100;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    public ActionCatalog Actions => actions;

    /// <summary>Parses one object; <paramref name="now"/> is the time of a line that gives none.</summary>
    public bool TryParse(ReadOnlySpan<byte> json, DateTimeOffset now, out ParsedOutcome outcome, out RejectReason reason, out string? message)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            return Parse(ref reader, now, out outcome, out reason, out message);
        }
        catch (JsonException e)
        {
            outcome = default;
            reason = RejectReason.Json;
            message = "not valid JSON: " + e.Message;
            return false;
        }
    }

    private bool Parse(ref Utf8JsonReader reader, DateTimeOffset now, out ParsedOutcome outcome, out RejectReason reason, out string? message)
    {
        outcome = default;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Fail(RejectReason.Json, "expected a JSON object", out reason, out message);
        }

        DateTimeOffset? time = null;
        string? restaurant = null, errorType = null;
        int action = -1, status = -1;
        bool sandbox = false, timeout = false;
        double latency = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = ObservationFields.Identify(ref reader);
            if (field == ObservationField.Unknown)
            {
                reader.Skip();
                continue;
            }

            reader.Read();
            var ok = field switch
            {
                ObservationField.Time => ReadTime(ref reader, ref time),
                ObservationField.Action => (action = reader.TokenType == JsonTokenType.String ? actions.Find(ref reader) : -1) >= 0,
                ObservationField.RestaurantId => (restaurant = ReadString(ref reader, MaxRestaurantIdLength)) is { Length: > 0 },
                ObservationField.Status => reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out status) && status is >= 100 and <= 599,
                ObservationField.ErrorType => ReadErrorType(ref reader, ref errorType),
                ObservationField.LatencyMs => reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out latency) && double.IsFinite(latency) && latency >= 0,
                ObservationField.Sandbox => ReadBoolean(ref reader, ref sandbox),
                ObservationField.Timeout => ReadBoolean(ref reader, ref timeout),
                _ => reader.TokenType is JsonTokenType.String or JsonTokenType.Null,
            };
            if (!ok)
            {
                var kind = field == ObservationField.Action ? RejectReason.UnknownAction : RejectReason.BadField;
                return Fail(kind, field == ObservationField.Action ? UnknownAction(ref reader) : FieldProblem(field), out reason, out message);
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return Fail(RejectReason.Json, "unexpected content after the object", out reason, out message);
        }

        if (action < 0 || restaurant is null || (status < 0 && !timeout))
        {
            var missing = action < 0 ? "action" : restaurant is null ? "restaurantId" : "status";
            return Fail(RejectReason.MissingField, $"{missing}: required", out reason, out message);
        }

        outcome = new ParsedOutcome(time ?? now, action, sandbox, restaurant, Math.Max(0, status), timeout, errorType, latency);
        reason = default;
        message = null;
        return true;
    }

    private static bool ReadTime(ref Utf8JsonReader reader, ref DateTimeOffset? time)
    {
        if (!ObservationTime.TryRead(ref reader, out var value))
        {
            return false;
        }

        time = value;
        return true;
    }

    private string? ReadString(ref Utf8JsonReader reader, int maxLength) =>
        reader.TokenType == JsonTokenType.String && strings.Intern(ref reader) is { } text && text.Length <= maxLength ? text : null;

    private bool ReadErrorType(ref Utf8JsonReader reader, ref string? errorType)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        var text = ReadString(ref reader, MaxErrorTypeLength);
        errorType = text is { Length: 0 } ? null : text;
        return text is not null;
    }

    private static bool ReadBoolean(ref Utf8JsonReader reader, ref bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
    }

    private static string FieldProblem(ObservationField field) => field switch
    {
        ObservationField.Time => "time: expected ISO 8601 with an offset, for example 2026-11-28T12:00:00.000+01:00",
        ObservationField.RestaurantId => $"restaurantId: expected a non-empty string of at most {MaxRestaurantIdLength} characters",
        ObservationField.Status => "status: expected an HTTP status code (100-599)",
        ObservationField.ErrorType => $"errorType: expected a string of at most {MaxErrorTypeLength} characters such as NO_CAPACITY or PAYMENT_DECLINED",
        ObservationField.LatencyMs => "latencyMs: expected a number of milliseconds, zero or more",
        ObservationField.Sandbox => "sandbox: expected true or false",
        ObservationField.Timeout => "timeout: expected true or false",
        _ => "orderId: expected a string",
    };

    private string UnknownAction(ref Utf8JsonReader reader)
    {
        var known = string.Join(", ", actions.Names);
        return reader.TokenType == JsonTokenType.String
            ? $"action '{Truncate(reader.GetString())}' is unknown (known: {known}; more under monitor:ingest:customActions)"
            : $"action: expected a string (known: {known})";
    }

    private static string? Truncate(string? text) => text is { Length: > 80 } ? text[..80] + "..." : text;

    private static bool Fail(RejectReason kind, string text, out RejectReason reason, out string? message)
    {
        reason = kind;
        message = text;
        return false;
    }
}
