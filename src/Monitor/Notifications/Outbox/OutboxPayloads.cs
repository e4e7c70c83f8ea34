using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Monitor.Notifications.Outbox;

/// <summary>The outbox channels.</summary>
internal static class Channels
{
    public const string Email = "email";
    public const string Webhook = "webhook";
    public const string Bundle = "bundle";
    public const string PagerDuty = "pagerduty";
    public const string Slack = "slack";
    public const string Teams = "teams";

    public static readonly string[] All = [Email, Webhook, Bundle, PagerDuty, Slack, Teams];

    /// <summary>The channels a route can name beside the contact groups.</summary>
    public static readonly string[] Routable = [PagerDuty, Slack, Teams];
}

/// <summary>A rendered e-mail, as stored in the outbox. Never holds a secret: credentials are added at send time.</summary>
internal sealed record EmailPayload(
    IReadOnlyList<string> To,
    string Subject,
    string Text,
    string Html,
    string MessageId,
    string? InReplyTo,
    IReadOnlyList<string> References,
    IReadOnlyDictionary<string, string> Headers);

/// <summary>A JSON document to POST to a configured webhook (<c>case</c>); the URL and token come from configuration at send time.</summary>
internal sealed record WebhookPayload(string Target, string Body);

/// <summary>Files to write under the data directory, replaced whole (the evidence bundle of a case).</summary>
internal sealed record BundlePayload(string Directory, IReadOnlyDictionary<string, string> Files);

/// <summary>A JSON body for a chat or paging service, as stored in the outbox: never holds the routing key nor the webhook URL.</summary>
internal sealed record ChannelPayload(string Body);

/// <summary>Outbox payloads to and from their stored JSON, through a compiled contract (<see cref="OutboxJson"/>).</summary>
internal static class PayloadJson
{
    public static string Serialize<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type);

    public static T Deserialize<T>(string json, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(json, type) ?? throw new InvalidDataException($"Outbox payload is not a {typeof(T).Name}.");
}

/// <summary>The outbox payloads as JSON: web names, nulls left out, one line.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmailPayload))]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(BundlePayload))]
[JsonSerializable(typeof(ChannelPayload))]
internal sealed partial class OutboxJson : JsonSerializerContext;

/// <summary>Wakes the delivery worker when new messages are committed, so it does not wait for the next poll.</summary>
internal sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits for a signal or the timeout; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
