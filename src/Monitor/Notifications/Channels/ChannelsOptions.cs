using Monitor.Configuration;

namespace Monitor.Notifications.Channels;

/// <summary>The chat and paging channels beside e-mail (<c>monitor:channels</c>). Each is off until its secret is set.</summary>
internal sealed class ChannelsOptions
{
    /// <summary>PagerDuty Events API v2.</summary>
    public PagerDutyOptions PagerDuty { get; set; } = new();

    /// <summary>A Slack incoming webhook.</summary>
    public ChatWebhookOptions Slack { get; set; } = new();

    /// <summary>A Microsoft Teams workflow webhook ("When a Teams webhook request is received").</summary>
    public ChatWebhookOptions Teams { get; set; } = new();

    /// <summary>The names of the channels that are configured, in a fixed order.</summary>
    public IReadOnlyList<string> Configured() =>
        [.. new[] { (Outbox.Channels.PagerDuty, PagerDuty.Configured), (Outbox.Channels.Slack, Slack.Configured), (Outbox.Channels.Teams, Teams.Configured) }
            .Where(c => c.Item2).Select(c => c.Item1)];
}

/// <summary>PagerDuty (<c>monitor:channels:pagerduty</c>).</summary>
internal sealed class PagerDutyOptions
{
    public const string DefaultUrl = "https://events.pagerduty.com/v2/enqueue";

    /// <summary>The integration's routing key. A secret (<c>${env:NAME}</c> or <c>${file:PATH}</c> accepted): added at send time, never stored. Default empty: off.</summary>
    public string RoutingKey { get; set; } = "";

    /// <summary>The Events API v2 endpoint. Default <c>https://events.pagerduty.com/v2/enqueue</c> (EU accounts: <c>https://events.eu.pagerduty.com/v2/enqueue</c>).</summary>
    public string Url { get; set; } = DefaultUrl;

    /// <summary>Per-attempt timeout. Default <c>10s</c>.</summary>
    public string Timeout { get; set; } = "10s";

    public bool Configured => !string.IsNullOrWhiteSpace(RoutingKey);
}

/// <summary>A chat webhook (<c>monitor:channels:slack</c>, <c>monitor:channels:teams</c>).</summary>
internal sealed class ChatWebhookOptions
{
    /// <summary>The webhook URL. A secret (whoever holds it can post): <c>${env:NAME}</c> or <c>${file:PATH}</c> accepted, never logged nor stored. Default empty: off.</summary>
    public string WebhookUrl { get; set; } = "";

    /// <summary>Per-attempt timeout. Default <c>10s</c>.</summary>
    public string Timeout { get; set; } = "10s";

    public bool Configured => !string.IsNullOrWhiteSpace(WebhookUrl);
}

/// <summary>Checks <c>monitor:channels</c>; secrets are resolved but never printed.</summary>
internal static class ChannelsOptionsValidator
{
    public static void Validate(ChannelsOptions channels, string path, ConfigChecks check)
    {
        if (channels.PagerDuty.Configured)
        {
            Secret(check, $"{path}:pagerduty:routingKey", channels.PagerDuty.RoutingKey, url: false);
            check.HttpUrl($"{path}:pagerduty:url", channels.PagerDuty.Url);
            check.PositiveDuration($"{path}:pagerduty:timeout", channels.PagerDuty.Timeout);
        }

        foreach (var (name, chat) in new[] { ("slack", channels.Slack), ("teams", channels.Teams) })
        {
            if (chat.Configured)
            {
                Secret(check, $"{path}:{name}:webhookUrl", chat.WebhookUrl, url: true);
                check.PositiveDuration($"{path}:{name}:timeout", chat.Timeout);
            }
        }
    }

    private static void Secret(ConfigChecks check, string path, string value, bool url)
    {
        var resolved = SecretValue.Resolve(value);
        if (resolved.Length == 0)
        {
            check.Fail(path, value.StartsWith("${env:", StringComparison.Ordinal)
                ? $"the environment variable {value[6..^1]} is not set"
                : value.StartsWith("${file:", StringComparison.Ordinal) ? $"the file {value[7..^1]} is missing or empty" : "must not be empty");
        }
        else if (url && (!Uri.TryCreate(resolved, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            // The URL is the secret: say what is wrong without printing it.
            check.Fail(path, "is not an absolute http or https URL");
        }
    }
}
