using System.Text.Json;
using Monitor.Rules.Alerts;

namespace Monitor.Replay;

/// <summary>The replay's report as one JSON object: alerts, incidents, cases, Google's alerts, leads and the input counts. Times are ISO 8601 UTC.</summary>
internal static class ReplayJson
{
    public static string Write(ReplayResult result)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("alerts");
            foreach (var alert in result.Alerts.Where(a => a.Firings.Count > 0))
            {
                json.WriteStartObject();
                json.WriteString("rule", alert.Rule);
                json.WriteString("signal", alert.Signal);
                json.WriteString("severity", alert.Severity.ToName());
                json.WriteString("category", alert.Category.ToName());
                json.WriteBoolean("urgent", alert.Urgent);
                json.WriteStartArray("firing");
                foreach (var firing in alert.Firings)
                {
                    json.WriteStartObject();
                    json.WriteString("at", ReplayText.Time(firing.At));
                    Time(json, "resolvedAt", firing.ResolvedAt);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("incidents");
            foreach (var incident in result.Incidents)
            {
                json.WriteStartObject();
                json.WriteString("id", incident.Id);
                json.WriteBoolean("urgent", incident.Urgent);
                json.WriteString("category", incident.Category.ToName());
                json.WriteString("severity", incident.Severity.ToName());
                json.WriteString("notify", incident.Notify);
                json.WriteString("openedAt", ReplayText.Time(incident.OpenedAt));
                Time(json, "resolvedAt", incident.ResolvedAt);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("cases");
            foreach (var @case in result.Cases)
            {
                json.WriteStartObject();
                json.WriteString("kind", @case.Kind);
                json.WriteString("at", ReplayText.Time(@case.At));
                json.WriteString("incident", @case.IncidentId);
                Time(json, "submittedAt", @case.SubmittedAt);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("google");
            foreach (var (alert, at) in result.Google)
            {
                json.WriteStartObject();
                json.WriteString("name", alert.Name);
                Time(json, "firesAt", at);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("leads");
            foreach (var lead in result.Leads)
            {
                json.WriteStartObject();
                json.WriteString("rule", lead.Rule);
                json.WriteString("signal", lead.Signal);
                json.WriteString("firedAt", ReplayText.Time(lead.FiredAt));
                json.WriteString("google", lead.Google.Name);
                Time(json, "googleFiresAt", lead.GoogleFiresAt);
                if (lead.Lead is { } span)
                {
                    json.WriteNumber("leadSeconds", span.TotalSeconds);
                }
                else
                {
                    json.WriteNull("leadSeconds");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("input");
            json.WriteNumber("lines", result.Input.Lines);
            json.WriteNumber("replayed", result.Input.Replayed);
            json.WriteNumber("malformed", result.Input.Malformed);
            json.WriteNumber("outOfOrder", result.Input.OutOfOrder);
            json.WriteNumber("outsideRange", result.Input.OutsideRange);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Time(Utf8JsonWriter json, string name, DateTimeOffset? at)
    {
        if (at is { } value)
        {
            json.WriteString(name, ReplayText.Time(value));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
