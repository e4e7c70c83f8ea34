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
            if (reader.ValueTextEquals("time"u8))
            {
                reader.Read();
                if (!ObservationTime.TryRead(ref reader, out var t))
                {
                    return Fail(RejectReason.BadField, "time: expected ISO 8601 with an offset, for example 2026-11-28T12:00:00.000+01:00", out reason, out message);
                }

                time = t;
            }
            else if (reader.ValueTextEquals("action"u8))
            {
                reader.Read();
                action = reader.TokenType == JsonTokenType.String ? actions.Find(ref reader) : -1;
                if (action < 0)
                {
                    return Fail(RejectReason.UnknownAction, UnknownAction(ref reader), out reason, out message);
                }
            }
            else if (reader.ValueTextEquals("restaurantId"u8))
            {
                reader.Read();
                restaurant = reader.TokenType == JsonTokenType.String ? strings.Intern(ref reader) : null;
                if (restaurant is not { Length: > 0 and <= MaxRestaurantIdLength })
                {
                    return Fail(RejectReason.BadField, $"restaurantId: expected a non-empty string of at most {MaxRestaurantIdLength} characters", out reason, out message);
                }
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out status) || status is < 100 or > 599)
                {
                    return Fail(RejectReason.BadField, "status: expected an HTTP status code (100-599)", out reason, out message);
                }
            }
            else if (reader.ValueTextEquals("errorType"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    errorType = strings.Intern(ref reader);
                    if (errorType is not { Length: <= MaxErrorTypeLength })
                    {
                        return Fail(RejectReason.BadField, $"errorType: at most {MaxErrorTypeLength} characters", out reason, out message);
                    }

                    errorType = errorType.Length == 0 ? null : errorType;
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return Fail(RejectReason.BadField, "errorType: expected a string such as NO_CAPACITY or PAYMENT_DECLINED", out reason, out message);
                }
            }
            else if (reader.ValueTextEquals("latencyMs"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out latency) || !double.IsFinite(latency) || latency < 0)
                {
                    return Fail(RejectReason.BadField, "latencyMs: expected a number of milliseconds, zero or more", out reason, out message);
                }
            }
            else if (reader.ValueTextEquals("sandbox"u8) || reader.ValueTextEquals("timeout"u8))
            {
                var isSandbox = reader.ValueTextEquals("sandbox"u8);
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    return Fail(RejectReason.BadField, (isSandbox ? "sandbox" : "timeout") + ": expected true or false", out reason, out message);
                }

                (isSandbox ? ref sandbox : ref timeout) = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("orderId"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                {
                    return Fail(RejectReason.BadField, "orderId: expected a string", out reason, out message);
                }
            }
            else
            {
                reader.Skip();
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
