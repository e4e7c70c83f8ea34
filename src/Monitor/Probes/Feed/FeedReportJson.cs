using System.Text.Encodings.Web;
using System.Text.Json;

namespace Monitor.Probes.Feed;

/// <summary>The machine form of a report, for partners' CI: stable camelCase names, seconds as numbers.</summary>
internal static class FeedReportJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(FeedReport r, FeedVerdict verdict)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("source", r.Source);
            w.WriteBoolean("thresholdsCrossed", verdict.Crossed);
            WriteNullable(w, "reason", verdict.Reason);
            w.WriteStartArray("breaches");
            foreach (var b in verdict.Breaches)
            {
                w.WriteStringValue(b);
            }

            w.WriteEndArray();
            w.WriteString("startedAt", r.StartedAt);
            w.WriteNumber("durationSeconds", r.Duration.TotalSeconds);
            w.WriteNumber("files", r.Files);
            w.WriteNumber("bytes", r.Bytes);
            w.WriteNumber("lines", r.Lines);
            w.WriteNumber("entities", r.Entities);
            w.WriteNumber("invalid", r.Invalid);
            w.WriteNumber("warned", r.Warned);
            w.WriteNumber("staleEntities", r.StaleEntities);
            w.WriteNumber("staleShare", r.StaleShare);
            if (r.FeedTime is { } ft)
            {
                w.WriteString("feedTime", ft);
                w.WriteString("feedTimeSource", r.FeedTimeSource);
                w.WriteNumber("feedAgeSeconds", r.FeedAge!.Value.TotalSeconds);
            }

            if (r.RestaurantsDropped is { } dropped)
            {
                w.WriteNumber("restaurantsDropped", dropped);
            }

            w.WriteStartObject("types");
            foreach (var t in r.Types)
            {
                w.WriteStartObject(t.Type);
                w.WriteNumber("entities", t.Entities);
                w.WriteNumber("invalid", t.Invalid);
                w.WriteNumber("errorRate", t.ErrorRate);
                w.WriteStartObject("invalidByReason");
                foreach (var (reason, count) in t.InvalidByReason)
                {
                    w.WriteNumber(reason, count);
                }

                w.WriteEndObject();
                w.WriteNumber("warned", t.Warned);
                w.WriteStartObject("warningsByCode");
                foreach (var (code, count) in t.WarningsByCode)
                {
                    w.WriteNumber(code, count);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartArray("codes");
            foreach (var c in r.Codes)
            {
                w.WriteStartObject();
                w.WriteString("code", c.Code);
                w.WriteString("severity", c.Warning ? "warning" : "error");
                w.WriteNumber("count", c.Count);
                w.WriteString("description", c.Description);
                w.WriteStartArray("samples");
                foreach (var s in c.Samples)
                {
                    WriteSample(w, s);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("fileIssues");
            foreach (var i in r.FileIssues)
            {
                w.WriteStartObject();
                w.WriteString("file", i.File);
                w.WriteString("reason", i.Reason);
                w.WriteString("detail", i.Detail);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("notes");
            foreach (var n in r.Notes)
            {
                w.WriteStringValue(n);
            }

            w.WriteEndArray();
            w.WriteStartArray("samples");
            foreach (var s in r.Samples)
            {
                WriteSample(w, s);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteSample(Utf8JsonWriter w, FeedSampleError s)
    {
        w.WriteStartObject();
        w.WriteString("file", s.File);
        w.WriteNumber("line", s.Line);
        w.WriteString("type", s.Type);
        WriteNullable(w, "id", s.Id);
        w.WriteString("reason", s.Reason);
        WriteNullable(w, "field", s.Field);
        WriteNullable(w, "excerpt", s.Excerpt);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
