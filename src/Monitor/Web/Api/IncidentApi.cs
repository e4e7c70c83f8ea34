using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Monitor.Configuration;
using Monitor.Incidents;
using Monitor.Incidents.Acknowledgement;
using Monitor.Incidents.Maintenance;
using Monitor.Rules.Alerts;
using Monitor.Storage;

namespace Monitor.Web.Api;

/// <summary>
/// The JSON API of incidents, cases, maintenance and silences, and the signed acknowledgement link.
/// Reads are open (the listener is loopback unless configured otherwise); every call that changes state
/// needs <c>Authorization: Bearer &lt;monitor:api:token&gt;</c>, compared in constant time, and is refused
/// when no token is configured. The ack link carries its own signature instead.
/// </summary>
internal static class IncidentApi
{
    // Internal, not private: ApiJson, which reads them, must be able to name them.
    internal sealed record AckBody(string? By, string? Comment);

    internal sealed record MaintenanceBody(string? For, string? Reason, string? By);

    internal sealed record SilenceBody(string? Rule, string? Target, string? Category, string? For, string? Reason, string? By);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        // Handlers that answer JSON declare their return type: the request delegate generator does not see the members
        // the JSON source generator adds to the context, so it could not infer it.
        api.MapGet("/incidents", async Task<IResult> (IIncidentQueries store, string? status, int? limit, CancellationToken ct) =>
        {
            IncidentStatus? filter = status?.ToLowerInvariant() switch
            {
                "open" => IncidentStatus.Open,
                "resolved" => IncidentStatus.Resolved,
                null or "" or "all" => null,
                _ => (IncidentStatus)(-1),
            };
            return filter == (IncidentStatus)(-1)
                ? Problem(400, "status must be open, resolved or all")
                : Results.Json(await store.ListAsync(filter, limit ?? 100, ct), ApiJson.Default.IReadOnlyListApiIncident);
        });
        api.MapGet("/incidents/{id}", async Task<IResult> (string id, IIncidentQueries store, CancellationToken ct) =>
            IncidentRecord.TryParseId(id, out var number) && await store.GetAsync(number, ct) is { } detail
                ? Results.Json(detail, ApiJson.Default.ApiIncidentDetail)
                : Problem(404, $"no incident {id}"));
        api.MapPost("/incidents/{id}/ack", async Task<IResult> (string id, HttpRequest request, Acknowledger manager, ApiOptions options, CancellationToken ct) =>
        {
            if (Authorize(request, options) is { } refused)
            {
                return refused;
            }

            if (!IncidentRecord.TryParseId(id, out var number))
            {
                return Problem(404, $"no incident {id}");
            }

            var body = await ReadAsync(request, ApiJson.Default.AckBody, ct) ?? new AckBody(null, null);
            var result = await manager.AcknowledgeAsync(number, Clean(body.By) ?? "api", "api", Clean(body.Comment), ct);
            return result.Outcome == AckOutcome.NotFound
                ? Problem(404, $"no incident {id}")
                : Results.Json(new AckReply(result.Outcome.ToString().ToLowerInvariant(), result.Incident!.DisplayId), ApiJson.Default.AckReply);
        });

        api.MapGet("/cases", async Task<IResult> (IIncidentQueries store, int? limit, CancellationToken ct) => Results.Json(await store.CasesAsync(limit ?? 100, ct), ApiJson.Default.IReadOnlyListApiCase));
        api.MapGet("/cases/{id}", async Task<IResult> (string id, IIncidentQueries store, CancellationToken ct) =>
        {
            var text = id.StartsWith("CASE-", StringComparison.OrdinalIgnoreCase) ? id[5..] : id;
            return long.TryParse(text, out var number) && await store.GetCaseAsync(number, ct) is { } found
                ? Results.Json(found, ApiJson.Default.ApiCase)
                : Problem(404, $"no case {id}");
        });

        api.MapGet("/maintenance", async Task<IResult> (IIncidentQueries store, CancellationToken ct) => Results.Json(await store.MaintenanceAsync(ct), ApiJson.Default.ApiMaintenance));
        api.MapPost("/maintenance", async Task<IResult> (HttpRequest request, MaintenanceService manager, ApiOptions options, CancellationToken ct) =>
        {
            if (Authorize(request, options) is { } refused)
            {
                return refused;
            }

            var body = await ReadAsync(request, ApiJson.Default.MaintenanceBody, ct);
            if (body is null || !Duration.TryParse(body.For, out var length) || length <= TimeSpan.Zero)
            {
                return Problem(400, "body must be {\"for\": \"2h\", \"reason\": \"...\"} with a positive duration");
            }

            var row = await manager.StartMaintenanceAsync(length, Clean(body.Reason) ?? "", Clean(body.By) ?? "api", ct);
            return Results.Json(row, ApiJson.Default.MaintenanceRecord, statusCode: 201);
        });
        api.MapDelete("/maintenance", async Task<IResult> (HttpRequest request, MaintenanceService manager, ApiOptions options, CancellationToken ct) =>
            Authorize(request, options) ?? Results.Json(new MaintenanceStopped(await manager.StopMaintenanceAsync("api", ct)), ApiJson.Default.MaintenanceStopped));

        api.MapGet("/silences", async Task<IResult> (IIncidentQueries store, bool? all, CancellationToken ct) =>
            Results.Json(await store.SilencesAsync(all != true, ct), ApiJson.Default.IReadOnlyListApiSilence));
        api.MapPost("/silences", async Task<IResult> (HttpRequest request, SilenceService manager, ApiOptions options, TimeProvider time, CancellationToken ct) =>
        {
            if (Authorize(request, options) is { } refused)
            {
                return refused;
            }

            var body = await ReadAsync(request, ApiJson.Default.SilenceBody, ct);
            if (body is null)
            {
                return Problem(400, "body must be JSON: {\"rule\"|\"target\"|\"category\": \"...\", \"for\": \"2h\", \"reason\": \"...\"}");
            }

            if (!SilenceRequest.TryParse(body.Rule, body.Target, body.Category, body.For, body.Reason, FieldName, out var wanted, out var problems)
                || (problems = manager.Unknown(wanted, FieldName)).Count > 0)
            {
                return Problem(400, string.Join("; ", problems));
            }

            var silence = await manager.AddSilenceAsync(wanted.Rule, wanted.Target, wanted.Category, wanted.Length, wanted.Reason, Clean(body.By) ?? "api", ct);
            return Results.Json(ApiSilence.From(silence, time.GetUtcNow()), ApiJson.Default.ApiSilence, statusCode: 201);
        });
        api.MapDelete("/silences/{id:long}", async (long id, HttpRequest request, SilenceService manager, ApiOptions options, CancellationToken ct) =>
            Authorize(request, options) ?? (await manager.ExpireSilenceAsync(id, ct) ? Results.NoContent() : Problem(404, $"no silence {id} in force")));

        // The link in e-mails: GET shows a one-button page (so mail scanners that open links do not acknowledge),
        // POST acknowledges. Both check the signature and expiry; a used link is refused.
        app.MapGet("/ack", async (string? t, Acknowledger manager, CancellationToken ct) =>
        {
            var (check, _, used, incident) = await manager.InspectLinkAsync(t, ct);
            if (check != AckLinkCheck.Valid || used || incident is null)
            {
                return LinkRefused(check, used || incident is null && check == AckLinkCheck.Valid);
            }

            var state = incident.Acknowledged ? $"Already acknowledged by {incident.AcknowledgedBy}." : "Not acknowledged yet.";
            return Page(200, $"Acknowledge {incident.DisplayId}",
                $"<p><b>{E(incident.DisplayId)}</b>: {E(incident.Rule)} on {E(incident.Signal)} ({E(incident.Severity.ToName())}, {E(incident.Category.ToName())}), " +
                $"{E(incident.Status.ToString().ToLowerInvariant())}. {E(state)}</p>" +
                $"<form method=\"post\" action=\"ack\"><input type=\"hidden\" name=\"t\" value=\"{E(t)}\">" +
                "<label>Your name <input name=\"by\" maxlength=\"100\"></label> <button type=\"submit\">Acknowledge</button></form>" +
                "<p>Acknowledging stops reminders and escalation; you will still be told when it resolves.</p>");
        });
        app.MapPost("/ack", async (HttpRequest request, Acknowledger manager, CancellationToken ct) =>
        {
            string? token = request.Query["t"];
            string? by = null;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct);
                token = form["t"].FirstOrDefault() ?? token;
                by = Clean(form["by"].FirstOrDefault());
            }

            var result = await manager.AcknowledgeLinkAsync(token, by ?? "link", ct);
            return result.Outcome switch
            {
                AckOutcome.Acknowledged or AckOutcome.AlreadyAcknowledged =>
                    Page(200, "Acknowledged", $"<p><b>{E(result.Incident!.DisplayId)}</b> is acknowledged. Reminders and escalation stop.</p>"),
                AckOutcome.LinkForged => LinkRefused(AckLinkCheck.Forged, false),
                AckOutcome.LinkExpired => LinkRefused(AckLinkCheck.Expired, false),
                AckOutcome.LinkUsed or AckOutcome.NotFound => LinkRefused(AckLinkCheck.Valid, true),
                _ => LinkRefused(AckLinkCheck.Malformed, false),
            };
        });
    }

    /// <summary>Null when the request carries the configured bearer token; otherwise the refusal.</summary>
    public static IResult? Authorize(HttpRequest request, ApiOptions options)
    {
        var expected = SecretValue.Resolve(options.Token);
        if (string.IsNullOrEmpty(expected))
        {
            return Problem(403, "state-changing API calls are disabled: set monitor:api:token");
        }

        var header = request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        // Hash both sides so the comparison takes the same time whatever the lengths.
        var ok = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
        return ok && given.Length > 0 ? null : Problem(401, "missing or wrong bearer token");
    }

    private static IResult LinkRefused(AckLinkCheck check, bool used) => used
        ? Page(409, "Link already used", "<p>This acknowledgement link was already used. Each link works once; use the latest e-mail, <code>monitor ack</code> or the API.</p>")
        : check switch
        {
            AckLinkCheck.Expired => Page(410, "Link expired", "<p>This acknowledgement link has expired. Use a newer e-mail, <code>monitor ack</code> or the API.</p>"),
            AckLinkCheck.Forged => Page(403, "Link refused", "<p>This acknowledgement link is not valid.</p>"),
            _ => Page(400, "Link refused", "<p>This acknowledgement link is malformed.</p>"),
        };

    private static IResult Page(int status, string title, string body) => Results.Content(
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\"><title>{E(title)}</title></head>" +
        $"<body style=\"font-family:Arial,Helvetica,sans-serif\"><h1>{E(title)}</h1>{body}</body></html>",
        "text/html; charset=utf-8", Encoding.UTF8, status);

    private static IResult Problem(int status, string detail) =>
        Results.Json(new ApiProblem(status, detail), ApiJson.Default.ApiProblem, statusCode: status);

    private static async Task<T?> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken ct)
        where T : class
    {
        // The body is read as JSON whatever its Content-Type says: curl's -d sends application/x-www-form-urlencoded.
        if (request.ContentLength is 0)
        {
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, type, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Clean(string? text) => RequestText.Clean(text);

    /// <summary>A silence field as the JSON body spells it.</summary>
    private static string FieldName(SilenceField field) => field.ToString().ToLowerInvariant();

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
