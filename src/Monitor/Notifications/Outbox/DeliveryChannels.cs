using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MailKit.Net.Smtp;
using Monitor.Configuration;
using Monitor.Notifications.Email;
using Monitor.Storage;
using MimeKit;

namespace Monitor.Notifications.Outbox;

/// <summary>Thrown when retrying cannot help (the server refused the recipient, the webhook answered 4xx): the message is marked failed.</summary>
internal sealed class PermanentDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Delivers one kind of outbox message.</summary>
internal interface IDeliveryChannel
{
    /// <summary><see cref="Channels.Email"/>, <see cref="Channels.Webhook"/> or <see cref="Channels.Bundle"/>.</summary>
    string Name { get; }

    /// <summary>Where messages go, for reports (never a secret).</summary>
    string Describe();

    /// <summary>The <c>channel</c> label of the delivery metrics (the mail transport's name for e-mail: <c>smtp</c>, <c>pickup</c>).</summary>
    string MetricLabel => Name;

    Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>E-mail through the mail transport (SMTP, or <c>.eml</c> files), with the stable Message-ID and thread headers.</summary>
internal sealed class EmailChannel(SmtpOptions smtp, IMailTransport transport) : IDeliveryChannel
{
    public string Name => Channels.Email;

    public IMailTransport Transport => transport;

    public string MetricLabel => transport.Name;

    public string Describe() => transport is PickupDirectoryTransport pickup
        ? $"pickup directory {pickup.Directory}"
        : $"smtp {smtp.Host}:{smtp.Port}";

    public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        SendAsync(PayloadJson.Deserialize(message.Payload, OutboxJson.Default.EmailPayload), message.CreatedAt, cancellationToken);

    /// <summary>Sends one e-mail dated <paramref name="date"/>: when it was queued, so that every redelivery is the same message.</summary>
    public async Task SendAsync(EmailPayload payload, DateTimeOffset date, CancellationToken cancellationToken)
    {
        var mime = ToMime(payload, date);
        try
        {
            await transport.SendAsync(mime, cancellationToken);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            throw new PermanentDeliveryException($"SMTP refused the message for good ({(int)e.StatusCode} {e.ErrorCode})", e);
        }
    }

    public MimeMessage ToMime(EmailPayload payload, DateTimeOffset date)
    {
        var message = new MimeMessage { Date = date };
        message.From.Add(MailboxAddress.Parse(smtp.From));
        foreach (var to in payload.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = payload.Subject;
        message.MessageId = payload.MessageId;
        if (payload.InReplyTo is not null)
        {
            message.InReplyTo = payload.InReplyTo;
        }

        foreach (var reference in payload.References)
        {
            message.References.Add(reference);
        }

        foreach (var (name, value) in payload.Headers)
        {
            message.Headers.Add(name, value);
        }

        message.Body = new BodyBuilder { TextBody = payload.Text, HtmlBody = payload.Html }.ToMessageBody();
        return message;
    }
}

/// <summary>
/// POSTs JSON to the case webhook with the bearer token from configuration (never stored in the outbox)
/// and an <c>Idempotency-Key</c> header, so a receiver can drop a redelivery. 2xx: delivered; 4xx other
/// than 408 and 429: refused for good; anything else: retried.
/// </summary>
internal sealed class WebhookChannel(CaseWebhookOptions webhook, IHttpClientFactory clients) : IDeliveryChannel
{
    public const string ClientName = "webhooks";

    public string Name => Channels.Webhook;

    public bool Configured => !string.IsNullOrWhiteSpace(webhook.Url);

    public string Describe() => Configured && Uri.TryCreate(webhook.Url, UriKind.Absolute, out var uri)
        ? $"webhook {uri.Scheme}://{uri.Authority}{uri.AbsolutePath}"
        : "webhook (not configured)";

    public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        PostAsync(PayloadJson.Deserialize(message.Payload, OutboxJson.Default.WebhookPayload).Body, message.IdempotencyKey, cancellationToken);

    public async Task PostAsync(string body, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (!Configured)
        {
            throw new PermanentDeliveryException("no webhook URL is configured (monitor:cases:webhook:url)");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        var token = SecretValue.Resolve(webhook.Token);
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Duration.Parse(webhook.Timeout));
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("the webhook did not answer in time");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
            {
                throw new PermanentDeliveryException($"the webhook refused the case: HTTP {status}");
            }

            throw new HttpRequestException($"the webhook answered HTTP {status}", null, response.StatusCode);
        }
    }
}

/// <summary>Writes evidence bundles under the data directory, each file whole (temporary name, then rename).</summary>
internal sealed class BundleChannel(DataDirectory data) : IDeliveryChannel
{
    public string Name => Channels.Bundle;

    public string Describe() => $"evidence bundles under {Path.Combine(data.Path, "cases")}";

    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var payload = PayloadJson.Deserialize(message.Payload, OutboxJson.Default.BundlePayload);
        var root = data.Path;
        var directory = Path.GetFullPath(Path.Combine(root, payload.Directory));
        if (!directory.StartsWith(root, StringComparison.Ordinal))
        {
            throw new PermanentDeliveryException("bundle path leaves the data directory");
        }

        Directory.CreateDirectory(directory);
        foreach (var (name, content) in payload.Files)
        {
            var path = Path.Combine(directory, Path.GetFileName(name));
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, content, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
    }
}
