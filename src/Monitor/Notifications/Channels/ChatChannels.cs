using System.Text.Json.Nodes;
using Monitor.Configuration;
using Monitor.Notifications.Outbox;
using Monitor.Storage;

namespace Monitor.Notifications.Channels;

/// <summary>PagerDuty Events API v2: the routing key is added to the stored event at send time.</summary>
internal sealed class PagerDutyChannel(ChannelsOptions channels, ChannelPoster poster) : IDeliveryChannel
{
    private PagerDutyOptions Options => channels.PagerDuty;

    public string Name => Outbox.Channels.PagerDuty;

    public string Describe() => Uri.TryCreate(Options.Url, UriKind.Absolute, out var uri)
        ? $"pagerduty {uri.Scheme}://{uri.Authority}{uri.AbsolutePath}"
        : "pagerduty";

    public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        PostAsync(PayloadJson.Deserialize(message.Payload, OutboxJson.Default.ChannelPayload).Body, cancellationToken);

    public Task PostAsync(string body, CancellationToken cancellationToken)
    {
        var key = SecretValue.Resolve(Options.RoutingKey);
        if (key.Length == 0)
        {
            throw new PermanentDeliveryException("no PagerDuty routing key is configured (monitor:channels:pagerduty:routingKey)");
        }

        var node = JsonNode.Parse(body)!.AsObject();
        node["routing_key"] = key;
        return poster.PostAsync("PagerDuty", Options.Url, node.ToJsonString(), Options.Timeout, null, cancellationToken);
    }
}

/// <summary>A Slack incoming webhook or a Teams workflow webhook: the URL comes from configuration at send time.</summary>
internal sealed class ChatWebhookChannel(string name, string service, ChatWebhookOptions options, ChannelPoster poster) : IDeliveryChannel
{
    public string Name => name;

    /// <summary>Only the service's name: the webhook URL is a secret.</summary>
    public string Describe() => $"{name} webhook";

    public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        PostAsync(PayloadJson.Deserialize(message.Payload, OutboxJson.Default.ChannelPayload).Body, cancellationToken);

    public Task PostAsync(string body, CancellationToken cancellationToken)
    {
        var url = SecretValue.Resolve(options.WebhookUrl);
        if (url.Length == 0)
        {
            throw new PermanentDeliveryException($"no {service} webhook URL is configured (monitor:channels:{name}:webhookUrl)");
        }

        return poster.PostAsync(service, url, body, options.Timeout, null, cancellationToken);
    }
}
