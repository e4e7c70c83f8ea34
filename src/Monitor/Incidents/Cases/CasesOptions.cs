using Monitor.Notifications;

namespace Monitor.Incidents.Cases;

/// <summary>Support cases (<c>monitor:cases</c>): one per incident, never one per flap.</summary>
internal sealed class CasesOptions
{
    /// <summary>
    /// Urgent cases: <c>auto</c> (submitted at once), <c>after-confirmation</c> (default: submitted after
    /// <see cref="ConfirmationDelay"/> unless acknowledged or resolved meanwhile) or <c>draft</c> (evidence bundle only).
    /// </summary>
    public string Mode { get; set; } = "after-confirmation";

    /// <summary>Delay of <c>after-confirmation</c>. Default <c>5m</c>.</summary>
    public string ConfirmationDelay { get; set; } = "5m";

    /// <summary>Open standard cases (category <c>Technical support</c>) for routes that ask for them, in business hours. Default true.</summary>
    public bool Standard { get; set; } = true;

    /// <summary>Who Google's support should talk to about a case (name, e-mail, phone), written into every case. Default empty.</summary>
    public string Contact { get; set; } = "";

    /// <summary>Support address cases are e-mailed to. Default empty: no e-mail.</summary>
    public string SupportEmail { get; set; } = "";

    /// <summary>JSON webhook cases are posted to.</summary>
    public CaseWebhookOptions Webhook { get; set; } = new();
}
