using System.Text.Json;
using Monitor.Ingest.Parsing;

namespace Monitor.Ingest.Http;

/// <summary>The JSON answers of the ingest endpoint, written straight to the response.</summary>
internal static class IngestAnswer
{
    public static async Task WriteCountsAsync(HttpResponse response, int status, long accepted, BatchErrors errors)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(response.BodyWriter);
        json.WriteStartObject();
        json.WriteNumber("accepted"u8, accepted);
        json.WriteNumber("rejected"u8, errors.Count);
        json.WriteStartArray("errors"u8);
        foreach (var error in errors.First)
        {
            json.WriteStartObject();
            json.WriteNumber("line"u8, error.Line);
            json.WriteString("reason"u8, error.Reason.ToLabel());
            json.WriteString("message"u8, error.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync();
        await response.BodyWriter.FlushAsync();
    }

    public static async Task WriteErrorAsync(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(response.BodyWriter);
        json.WriteStartObject();
        json.WriteNumber("accepted"u8, 0);
        json.WriteString("error"u8, message);
        json.WriteEndObject();
        await json.FlushAsync();
        await response.BodyWriter.FlushAsync();
    }
}
