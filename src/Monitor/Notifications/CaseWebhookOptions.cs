namespace Monitor.Notifications;

/// <summary>The case webhook (<c>monitor:cases:webhook</c>).</summary>
internal sealed class CaseWebhookOptions
{
    /// <summary>URL the case JSON is POSTed to. Default empty: no webhook.</summary>
    public string Url { get; set; } = "";

    /// <summary>Bearer token sent in the Authorization header. A secret (<c>${env:NAME}</c> or <c>${file:PATH}</c> accepted): never logged nor stored.</summary>
    public string Token { get; set; } = "";

    /// <summary>Per-attempt timeout. Default <c>10s</c>.</summary>
    public string Timeout { get; set; } = "10s";
}
