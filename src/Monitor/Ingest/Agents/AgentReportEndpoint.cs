using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Ingest.Http;
using Monitor.Metrics;
using Monitor.Probes;
using Monitor.Rules.Locations;
using Monitor.Rules.Observations;
using Monitor.Storage;

namespace Monitor.Ingest.Agents;

/// <summary>
/// <c>POST /api/v1/agents/results</c>: a report from a probe agent, authenticated by that agent's own bearer token
/// (which names its location). Each result becomes an observation of <c>TARGET@LOCATION</c>. Results for targets
/// this daemon does not know, malformed ones and ones stamped further ahead than <c>maxClockSkew</c> are refused one
/// by one, each with its reason; the others in the same report are accepted. Results the central already has (the
/// same spool and a sequence number not above the last) are answered as duplicates and not counted twice; the last
/// sequence number is in the store (<see cref="AgentSequenceBook"/>), so this holds across a restart and a fail-over.
/// </summary>
internal sealed partial class AgentReportEndpoint(
    AgentsOptions options, TargetsOptions targets, AgentTokens tokens, AlertEvaluator evaluator, LocationBoard board, AgentIngestMetrics metrics, AgentSequenceBook sequences,
    TimeProvider time, ILogger<AgentReportEndpoint> logger)
{
    public const string Route = "/api/v1/agents/results";

    /// <summary>Signal of an agent's heartbeat: one success per report, read by the <c>location-stale</c> rule.</summary>
    public const string HeartbeatPrefix = "location:";

    private readonly TimeSpan _maxSkew = Duration.Parse(options.MaxClockSkew);

    /// <summary>Each known target's kind (<c>http</c> or <c>feed</c>), for the target lists it was built from.</summary>
    private volatile KnownTargets? _known;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The targets in force: rebuilt when a reload has put new target lists in place.</summary>
    private KnownTargets Known()
    {
        var (http, feeds) = (targets.Http, targets.Feeds);
        if (_known is { } known && ReferenceEquals(known.Http, http) && ReferenceEquals(known.Feeds, feeds))
        {
            return known;
        }

        var kinds = http.Select(t => (t.Name, Kind: "http")).Concat(feeds.Select(f => (f.Name, Kind: "feed")))
            .DistinctBy(p => p.Name, StringComparer.Ordinal).ToDictionary(p => p.Name, p => p.Kind, StringComparer.Ordinal);
        return _known = new KnownTargets(http, feeds, kinds);
    }

    private sealed record KnownTargets(List<Probes.Http.HttpTargetOptions> Http, List<Probes.Feed.FeedTargetOptions> Feeds, Dictionary<string, string> Kinds);

    public async Task HandleAsync(HttpContext context)
    {
        var (status, location) = await AnswerAsync(context);
        metrics.Reports.WithLabels(location ?? "unknown", status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
    }

    private async Task<(int Status, string? Location)> AnswerAsync(HttpContext context)
    {
        var response = context.Response;
        if (!tokens.Enabled)
        {
            return (await Error(response, StatusCodes.Status404NotFound, "agent reports are off: list agents under monitor:agents:locations"), null);
        }

        var location = tokens.LocationOf(context.Request.Headers.Authorization);
        if (location is null)
        {
            response.Headers.WWWAuthenticate = "Bearer";
            LogUnauthorized(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return (await Error(response, StatusCodes.Status401Unauthorized, "missing or wrong bearer token (the agent's token under monitor:agents:locations)"), null);
        }

        var limit = options.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return (await Error(response, StatusCodes.Status413PayloadTooLarge, $"body larger than {limit} bytes (monitor:agents:maxBodyBytes); send smaller batches"), location);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        var (body, length) = await BodyReader.ReadAsync(context.Request.BodyReader, limit, context.Request.ContentLength, context.RequestAborted);
        if (body is null)
        {
            return (await Error(response, StatusCodes.Status413PayloadTooLarge, $"body larger than {limit} bytes (monitor:agents:maxBodyBytes); send smaller batches"), location);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.AsMemory(0, length));
        }
        catch (JsonException e)
        {
            return (await Error(response, StatusCodes.Status400BadRequest, $"the report is not JSON: {e.Message}"), location);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
            {
                return (await Error(response, StatusCodes.Status400BadRequest, "the report must be an object with a 'results' array"), location);
            }

            if (root.TryGetProperty("location", out var named) && named.ValueKind == JsonValueKind.String && named.GetString() != location)
            {
                return (await Error(response, StatusCodes.Status403Forbidden, $"this token belongs to location '{location}', not '{named.GetString()}'"), location);
            }

            var report = await AcceptAsync(location, root, results);
            var status = report.Accepted + report.Duplicates == 0 && report.Errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
            await WriteAnswerAsync(response, status, report);
            if (report.Accepted > 0)
            {
                // At once, as after a probe of this daemon's own: detection does not wait for the next tick.
                await evaluator.EvaluateAsync(context.RequestAborted);
            }

            return (status, location);
        }
    }

    private async Task<Report> AcceptAsync(string location, JsonElement root, JsonElement results)
    {
        var now = time.GetUtcNow();
        double? skew = root.TryGetProperty("sentAt", out var sentAt) && sentAt.ValueKind == JsonValueKind.String && sentAt.TryGetDateTimeOffset(out var sent)
            ? Math.Round((sent - now).TotalSeconds, 3)
            : null;
        var dropped = root.TryGetProperty("dropped", out var d) && d.ValueKind == JsonValueKind.Number && d.TryGetInt64(out var n) && n > 0 ? n : 0;
        var spool = root.TryGetProperty("spool", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() ?? "" : "";

        var report = new Report { ClockSkewSeconds = skew };
        long gaps = 0;
        var index = 0;
        await _gate.WaitAsync();
        try
        {
            // A spool the central has not seen starts with no duplicate or gap check.
            var mark = await sequences.GetAsync(location);
            var known = spool.Length > 0 && mark?.Spool == spool;
            var last = known ? mark!.Value.Last : 0;
            var moved = false;
            foreach (var item in results.EnumerateArray())
            {
                var (result, seq, reason, message) = Parse(item, now);
                if (result is null)
                {
                    report.Errors.Add(new ItemError(index, seq, reason!, message!));
                    metrics.Results.WithLabels(location, reason!).Inc();
                }
                else if (known && seq > 0 && seq <= last)
                {
                    report.Duplicates++;
                    metrics.Results.WithLabels(location, "duplicate").Inc();
                }
                else
                {
                    if (known && seq > last + 1)
                    {
                        gaps += seq - last - 1;
                    }

                    Record(location, result);
                    report.Accepted++;
                    metrics.Results.WithLabels(location, "accepted").Inc();
                }

                if (seq > 0 && spool.Length > 0 && (!known || seq > last))
                {
                    (known, last, moved) = (true, seq, true);
                }

                index++;
            }

            if (moved)
            {
                // Before the answer: once the agent hears it, a resend is a duplicate here and on the standby.
                await sequences.SaveAsync(new AgentSequence(location, spool, last));
            }
        }
        finally
        {
            _gate.Release();
        }

        gaps = Math.Max(0, gaps - dropped);
        evaluator.Record(new Observation(HeartbeatPrefix + location, now, true));
        metrics.LastReport.WithLabels(location).Set(now.ToUnixTimeMilliseconds() / 1000.0);
        if (skew is { } k)
        {
            metrics.ClockSkew.WithLabels(location).Set(k);
        }

        metrics.ReportedDrops.WithLabels(location).Inc(dropped);
        metrics.Gaps.WithLabels(location).Inc(gaps);
        if (dropped > 0)
        {
            LogDrops(location, dropped);
        }

        if (report.Errors.Count > 0)
        {
            LogRefused(location, report.Errors.Count, report.Errors[0].Reason, report.Errors[0].Message);
        }

        board.Reported(location, now, skew, dropped, report.Accepted, report.Errors.Count, gaps);
        return report;
    }

    private void Record(string location, ProbeResult result)
    {
        var observation = result.ToObservation() with { Signal = LocationSignals.Qualify(result.Target, location) };
        evaluator.Record(observation);
        if (!result.Success)
        {
            var detail = result.StatusCode is { } status ? $"HTTP {status}: {result.Detail}" : result.Detail;
            evaluator.Samples.Add(observation, $"from {location}: {detail}");
        }

        ProbeSignals.RecordAtLocation(evaluator, result, location);

        board.Record(location, result);
        metrics.RecordLocationResult(location, result);
    }

    private (ProbeResult? Result, long Seq, string? Reason, string? Message) Parse(JsonElement item, DateTimeOffset now)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return (null, 0, "malformed", "a result must be a JSON object");
        }

        var seq = item.TryGetProperty("seq", out var q) && q.ValueKind == JsonValueKind.Number && q.TryGetInt64(out var sq) ? sq : 0;
        if (!item.TryGetProperty("target", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() is not { Length: > 0 } target)
        {
            return (null, seq, "malformed", "'target' (a string) is required");
        }

        if (!Known().Kinds.ContainsKey(target))
        {
            // The name is echoed back only when it is short and plain: this answer is not a place to reflect input.
            var shown = target.Length <= 100 && target.All(c => !char.IsControl(c)) ? target : "(not shown)";
            return (null, seq, "unknown-target", $"no target named '{shown}' is configured on this daemon");
        }

        if (!item.TryGetProperty("startedAt", out var st) || st.ValueKind != JsonValueKind.String || !st.TryGetDateTimeOffset(out var started))
        {
            return (null, seq, "malformed", "'startedAt' (an ISO 8601 time with an offset) is required");
        }

        if (!item.TryGetProperty("success", out var ok) || ok.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return (null, seq, "malformed", "'success' (true or false) is required");
        }

        var seconds = item.TryGetProperty("durationSeconds", out var ds) && ds.ValueKind == JsonValueKind.Number ? ds.GetDouble() : 0;
        if (double.IsNaN(seconds) || seconds < 0 || seconds > 86_400)
        {
            return (null, seq, "malformed", "'durationSeconds' must be between 0 and 86400");
        }

        var duration = TimeSpan.FromSeconds(seconds);
        if (started + duration > now + _maxSkew)
        {
            return (null, seq, "future", $"the result ends {(started + duration - now).TotalSeconds:0} s ahead of this daemon's clock (more than monitor:agents:maxClockSkew); is the agent's clock right?");
        }

        var kind = Known().Kinds[target];
        if (AgentGauges.TryRead(item, kind, target, out var gauges) is { } problem)
        {
            return (null, seq, "malformed", problem);
        }

        var success = ok.GetBoolean();
        var result = new ProbeResult(target, kind, started, duration, success,
            success ? null : Text(item, "reason", 40) ?? "unknown", Text(item, "detail", 500) ?? "")
        {
            StatusCode = item.TryGetProperty("statusCode", out var sc) && sc.ValueKind == JsonValueKind.Number && sc.TryGetInt32(out var code) ? code : null,
            ErrorType = Text(item, "errorType", 60),
            Attempts = item.TryGetProperty("attempts", out var a) && a.ValueKind == JsonValueKind.Number && a.TryGetInt32(out var attempts) ? attempts : 1,
            Gauges = gauges,
        };
        return (result, seq, null, null);
    }

    private static string? Text(JsonElement item, string name, int max) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } text
            ? text.Length <= max ? text : text[..max]
            : null;

    private static async Task WriteAnswerAsync(HttpResponse response, int status, Report report)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(response.BodyWriter);
        json.WriteStartObject();
        json.WriteNumber("accepted"u8, report.Accepted);
        json.WriteNumber("duplicates"u8, report.Duplicates);
        json.WriteNumber("rejected"u8, report.Errors.Count);
        if (report.ClockSkewSeconds is { } skew)
        {
            json.WriteNumber("clockSkewSeconds"u8, skew);
        }

        json.WriteStartArray("errors"u8);
        foreach (var error in report.Errors)
        {
            json.WriteStartObject();
            json.WriteNumber("index"u8, error.Index);
            if (error.Seq > 0)
            {
                json.WriteNumber("seq"u8, error.Seq);
            }

            json.WriteString("reason"u8, error.Reason);
            json.WriteString("message"u8, error.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync();
        await response.BodyWriter.FlushAsync();
    }

    private static async Task<int> Error(HttpResponse response, int status, string message)
    {
        await IngestAnswer.WriteErrorAsync(response, status, message);
        return status;
    }

    private sealed class Report
    {
        public long Accepted { get; set; }

        public long Duplicates { get; set; }

        public double? ClockSkewSeconds { get; init; }

        public List<ItemError> Errors { get; } = [];
    }

    private sealed record ItemError(int Index, long Seq, string Reason, string Message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent report refused: wrong or missing token (from {Remote})")]
    private partial void LogUnauthorized(string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {Location}: refused {Count} results, first: {Reason}: {Message}")]
    private partial void LogRefused(string location, int count, string reason, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {Location} dropped {Count} results from its full spool")]
    private partial void LogDrops(string location, long count);
}
