namespace Monitor.Configuration;

/// <summary>
/// Every secret value of a configuration, for the redactor: passwords, tokens, the store's connection string, the
/// PagerDuty routing key, the Slack and Teams webhook URLs, probe header values and the targets' basic-auth passwords.
/// </summary>
internal static class ConfiguredSecrets
{
    public static IEnumerable<string?> Of(MonitorOptions options) =>
    [
        options.Smtp.Password,
        options.Cases.Webhook.Token,
        options.Api.Token,
        options.Api.AckSecret,
        options.Ingest.Token,
        options.Storage.ConnectionString,
        options.Channels.PagerDuty.RoutingKey,
        options.Channels.Slack.WebhookUrl,
        options.Channels.Teams.WebhookUrl,
        .. options.Targets.Http.SelectMany(t => t.Headers.Values),
        .. options.Targets.Http.Select(t => t.BasicAuth?.Password),
        .. options.Targets.Feeds.Select(f => f.Password),
    ];
}
