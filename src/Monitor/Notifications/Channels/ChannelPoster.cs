using System.Globalization;
using System.Net;
using System.Text;
using Monitor.Configuration;
using Monitor.Notifications.Outbox;

namespace Monitor.Notifications.Channels;

/// <summary>Thrown for an answer worth retrying (429, 408, 5xx); carries the server's <c>Retry-After</c> when it sent one.</summary>
internal sealed class RetryableDeliveryException(string message, HttpStatusCode status, TimeSpan? retryAfter)
    : HttpRequestException(message, null, status)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>
/// POSTs a JSON body to a chat or paging service. 2xx: delivered; 429, 408 and 5xx: retried (after the
/// server's <c>Retry-After</c> when given); any other answer: refused for good. Errors never name the URL,
/// which is itself a secret for webhooks.
/// </summary>
internal sealed class ChannelPoster(IHttpClientFactory clients, TimeProvider time)
{
    public async Task PostAsync(string service, string url, string body, string timeout, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Duration.Parse(timeout));
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(WebhookChannel.ClientName).SendAsync(request, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{service} did not answer in time");
        }
        catch (HttpRequestException e)
        {
            // The message of a connection failure may hold the host; the URL may be the secret.
            throw new HttpRequestException($"{service} could not be reached ({e.HttpRequestError})", null, e.StatusCode);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var detail = await Detail(response, cancellationToken);
            if (status is 408 or 429 or >= 500)
            {
                throw new RetryableDeliveryException(string.Create(CultureInfo.InvariantCulture, $"{service} answered HTTP {status}{detail}"),
                    response.StatusCode, RetryAfter(response));
            }

            throw new PermanentDeliveryException(string.Create(CultureInfo.InvariantCulture, $"{service} refused the message: HTTP {status}{detail}"));
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>The start of the answer (PagerDuty and Slack say what was wrong in it).</summary>
    private static async Task<string> Detail(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            return text.Length == 0 ? "" : ": " + (text.Length > 200 ? text[..200] : text);
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }
}
