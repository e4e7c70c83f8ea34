using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Monitor.Configuration;
using Monitor.Ingest.Agents;

namespace Monitor.Agent;

/// <summary>
/// Sends the spool to a central, oldest first, one batch at a time: a batch leaves the spool only once a central
/// has answered for it. A central that does not answer (or answers 5xx, 429, 401) makes the reporter try the next
/// one; after a round where none answered it waits <c>retryInterval</c>. Items a central refuses for good
/// (unknown target, malformed, from the future) are counted and leave the spool with the rest.
/// </summary>
internal sealed partial class AgentReporter(
    AgentOptions options, ResultSpool spool, HttpClient client, AgentMetrics metrics, TimeProvider time, ILogger<AgentReporter> logger)
    : BackgroundService
{
    private readonly string _token = SecretValue.Resolve(options.Token);
    private readonly TimeSpan _retry = Duration.Parse(options.RetryInterval);
    private readonly TimeSpan _timeout = Duration.Parse(options.Timeout);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private int _current;

    /// <summary>The central tried first in the next round (index in <c>monitor:agent:central</c>).</summary>
    public int Current => Volatile.Read(ref _current);

    /// <summary>Tells the reporter that a result is waiting.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var delivered = await FlushAsync(stoppingToken);
            try
            {
                if (delivered)
                {
                    await _wake.WaitAsync(stoppingToken);
                }
                else
                {
                    await Task.Delay(_retry, time, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends batches until the spool is empty or no central answers.</summary>
    /// <returns>True when the spool was emptied; false when no central took the last batch.</returns>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        metrics.SpoolResults.Set(spool.Count);

        // Bounded: each round either empties a batch or gives up; the spool is bounded too.
        for (var rounds = 0; rounds < 1_000_000; rounds++)
        {
            var batch = spool.Peek(options.BatchSize);
            var drops = spool.UnreportedDrops;
            if (batch.Count == 0 && drops == 0)
            {
                return true;
            }

            if (!await SendToAnyAsync(batch, drops, cancellationToken))
            {
                return false;
            }

            metrics.SpoolResults.Set(spool.Count);
        }

        return false;
    }

    private async Task<bool> SendToAnyAsync(IReadOnlyList<(long Sequence, byte[] Json)> batch, long drops, CancellationToken cancellationToken)
    {
        var start = Current;
        for (var tried = 0; tried < options.Central.Count; tried++)
        {
            var index = (start + tried) % options.Central.Count;
            if (await SendAsync(index, batch, drops, cancellationToken))
            {
                Volatile.Write(ref _current, index);
                return true;
            }
        }

        return false;
    }

    private async Task<bool> SendAsync(int index, IReadOnlyList<(long Sequence, byte[] Json)> batch, long drops, CancellationToken cancellationToken)
    {
        var label = index.ToString(CultureInfo.InvariantCulture);
        var url = options.Central[index].TrimEnd('/') + AgentReportEndpoint.Route;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Body(batch, drops)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_timeout);
        try
        {
            using var response = await client.SendAsync(request, limit.Token);
            var text = await response.Content.ReadAsStringAsync(limit.Token);
            var status = (int)response.StatusCode;
            if (status is 200 or 400 && TryReadAnswer(text, out var answer))
            {
                foreach (var reason in answer.Refused)
                {
                    metrics.ResultsRefused.WithLabels(reason).Inc();
                }

                if (answer.Refused.Count > 0)
                {
                    LogRefused(index, answer.Refused.Count, answer.FirstError ?? "");
                }

                metrics.ResultsSent.Inc(answer.Accepted);
                metrics.Reports.WithLabels(label, "ok").Inc();
                metrics.LastReport.Set(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
                if (answer.ClockSkew is { } skew)
                {
                    metrics.CentralClockSkew.Set(skew);
                }

                spool.Remove(batch.Count > 0 ? batch[^1].Sequence : 0, drops);
                return true;
            }

            var outcome = status is 401 or 403 ? "unauthorized" : status >= 500 || status == 429 ? "unavailable" : "refused";
            metrics.Reports.WithLabels(label, outcome).Inc();
            LogCentralAnswered(index, status, Shorten(text));
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            metrics.Reports.WithLabels(label, "unavailable").Inc();
            LogCentralUnavailable(index, e.GetBaseException().Message);
            return false;
        }
    }

    private byte[] Body(IReadOnlyList<(long Sequence, byte[] Json)> batch, long drops)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("location"u8, options.Location);
            json.WriteString("spool"u8, spool.Id);
            json.WriteString("sentAt"u8, time.GetUtcNow());
            json.WriteNumber("dropped"u8, drops);
            json.WriteStartArray("results"u8);
            foreach (var (_, item) in batch)
            {
                json.WriteRawValue(item, skipInputValidation: true);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static bool TryReadAnswer(string text, out (long Accepted, List<string> Refused, string? FirstError, double? ClockSkew) answer)
    {
        answer = (0, [], null, null);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("accepted", out var accepted) || !root.TryGetProperty("errors", out var errors))
            {
                return false;
            }

            var refused = new List<string>();
            string? first = null;
            foreach (var error in errors.EnumerateArray())
            {
                refused.Add(error.TryGetProperty("reason", out var r) ? r.GetString() ?? "unknown" : "unknown");
                first ??= error.TryGetProperty("message", out var m) ? m.GetString() : null;
            }

            double? skew = root.TryGetProperty("clockSkewSeconds", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : null;
            answer = (accepted.GetInt64(), refused, first, skew);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Central {Index} unavailable: {Reason}")]
    private partial void LogCentralUnavailable(int index, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Central {Index} answered {Status}: {Answer}")]
    private partial void LogCentralAnswered(int index, int status, string answer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Central {Index} refused {Count} results for good, for example: {Message}")]
    private partial void LogRefused(int index, int count, string message);

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
