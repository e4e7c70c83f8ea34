namespace Monitor.Configuration;

/// <summary>Every secret value of a configuration, for the redactor: passwords, tokens, the store's connection string and probe header values.</summary>
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
        .. options.Targets.Http.SelectMany(t => t.Headers.Values),
    ];
}
