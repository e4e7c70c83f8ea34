using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Monitor.Probes.Http;

/// <summary>The assertions on an HTTP answer, in the order a person would check them.</summary>
internal static class HttpAnswerCheck
{
    public readonly record struct Outcome(bool Success, string? Reason, string Detail, string? ErrorType);

    public static Outcome Check(HttpExpectOptions expect, int status, byte[] body, TimeSpan latency, TimeSpan? maxLatency)
    {
        var allowed = expect.Status.Count > 0 ? expect.Status : [200];
        if (!allowed.Contains(status))
        {
            return new Outcome(false, "status", $"status {status}, expected {string.Join(" or ", allowed)}", null);
        }

        var errorType = FoodErrorType(body);
        if (errorType is not null)
        {
            return new Outcome(false, "body", $"FoodErrorExtension error {errorType} in the answer", errorType);
        }

        if (expect.BodyContains is { Length: > 0 } needle && !Encoding.UTF8.GetString(body).Contains(needle, StringComparison.Ordinal))
        {
            return new Outcome(false, "body", $"body does not contain '{needle}'", null);
        }

        if (maxLatency is { } limit && latency > limit)
        {
            return new Outcome(false, "latency",
                string.Create(CultureInfo.InvariantCulture, $"answered in {latency.TotalMilliseconds:0} ms, limit {limit.TotalMilliseconds:0} ms"), null);
        }

        return new Outcome(true, null, string.Create(CultureInfo.InvariantCulture, $"status {status} in {latency.TotalMilliseconds:0} ms"), null);
    }

    /// <summary>The first <c>foodOrderErrors[].error</c> of a FoodErrorExtension anywhere in a JSON answer, or null.</summary>
    public static string? FoodErrorType(byte[] body)
    {
        if (body.Length == 0 || body.AsSpan().IndexOf("foodOrderErrors"u8) < 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return Find(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Find(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("foodOrderErrors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                {
                    foreach (var error in errors.EnumerateArray())
                    {
                        if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("error", out var type) && type.ValueKind == JsonValueKind.String)
                        {
                            return type.GetString();
                        }
                    }
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (Find(property.Value) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
