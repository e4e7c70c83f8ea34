using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Monitor.Configuration;
using Monitor.Ingest.Parsing;

namespace Monitor.Ingest.Http;

/// <summary>
/// <c>POST /api/v1/observations</c>: NDJSON or a JSON array of outcomes. Authenticated by a bearer
/// token; a body over the limit gets 413; good lines are accepted next to bad ones; when the queue has
/// no room for the whole batch the answer is 429 with <c>Retry-After</c> and nothing of it is taken.
/// </summary>
internal sealed partial class ObservationEndpoint(
    IngestOptions options, BatchParser parser, IngestQueue queue, IngestCounters counters, TimeProvider time, ILogger<ObservationEndpoint> logger)
{
    public const string Route = "/api/v1/observations";

    private readonly BearerToken _token = new(SecretValue.Resolve(options.Token));
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(10);

    private long _refusedSinceLog;
    private long _lastLogTicks = long.MinValue;
    private readonly string _retryAfter = Math.Max(1, (int)Math.Ceiling(Duration.Parse(options.RetryAfter).TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public async Task HandleAsync(HttpContext context)
    {
        var status = await AnswerAsync(context);
        counters.Request(status);
    }

    private async Task<int> AnswerAsync(HttpContext context)
    {
        var response = context.Response;
        if (!_token.Enabled)
        {
            return await Error(response, StatusCodes.Status404NotFound, "HTTP ingest is off: set monitor:ingest:token to turn it on");
        }

        if (!_token.IsValid(context.Request.Headers.Authorization))
        {
            response.Headers.WWWAuthenticate = "Bearer";
            return await Error(response, StatusCodes.Status401Unauthorized, "missing or wrong bearer token (Authorization: Bearer <monitor:ingest:token>)");
        }

        var limit = options.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return await TooLarge(response, limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // The daemon's own limit applies, not the server's default.
            size.MaxRequestBodySize = null;
        }

        var (body, length) = await BodyReader.ReadAsync(context.Request.BodyReader, limit, context.Request.ContentLength, context.RequestAborted);
        if (body is null)
        {
            return await TooLarge(response, limit);
        }

        var batch = new ObservationBuffer(parser.Actions.SignalCount, Math.Max(16, length / 128));
        var errors = new BatchErrors();
        try
        {
            parser.Parse(body.AsSpan(0, length), time.GetUtcNow(), batch, errors);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }

        return await Enqueue(response, batch, errors);
    }

    private async Task<int> Enqueue(HttpResponse response, ObservationBuffer batch, BatchErrors errors)
    {
        var accepted = batch.Count;
        if (accepted > queue.Capacity)
        {
            batch.Dispose();
            return await Error(response, StatusCodes.Status413PayloadTooLarge,
                $"{accepted} observations in one request is more than the queue holds ({queue.Capacity}, monitor:ingest:queueCapacity); send smaller batches");
        }

        if (accepted > 0 && !queue.TryEnqueue(batch))
        {
            batch.Dispose();
            if (queue.IsClosed)
            {
                return await Error(response, StatusCodes.Status503ServiceUnavailable, "shutting down; nothing of this request was taken, send it again later");
            }

            LogOverload(accepted);
            response.Headers.RetryAfter = _retryAfter;
            return await Error(response, StatusCodes.Status429TooManyRequests,
                $"overloaded: the queue has no room for {accepted} observations; nothing of this request was taken, send it again after {_retryAfter}s");
        }

        if (accepted == 0)
        {
            batch.Dispose();
        }

        // Accepted lines are counted in the metrics by the pump, once recorded.
        counters.Rejected(errors);
        counters.Queued(queue.Depth);
        var status = accepted == 0 && errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        await IngestAnswer.WriteCountsAsync(response, status, accepted, errors);
        return status;
    }

    private static Task<int> TooLarge(HttpResponse response, long limit) =>
        Error(response, StatusCodes.Status413PayloadTooLarge,
            $"body larger than {limit} bytes (monitor:ingest:maxBodyBytes); nothing was taken, send smaller batches");

    private static async Task<int> Error(HttpResponse response, int status, string message)
    {
        await IngestAnswer.WriteErrorAsync(response, status, message);
        return status;
    }

    /// <summary>Under overload every request is refused: one log line per interval says how many, not one per request.</summary>
    private void LogOverload(int count)
    {
        var refused = Interlocked.Add(ref _refusedSinceLog, count);
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastLogTicks);
        if (last != long.MinValue && time.GetElapsedTime(last, now) < LogEvery)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastLogTicks, now, last) == last)
        {
            Interlocked.Add(ref _refusedSinceLog, -refused);
            LogQueueFull(refused, queue.Depth);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest queue full: refused {Count} observations with 429 since the last notice ({Depth} waiting)")]
    private partial void LogQueueFull(long count, long depth);
}
