namespace Monitor.Incidents.Acknowledgement;

/// <summary>The JSON API and acknowledgement links (<c>monitor:api</c>).</summary>
internal sealed class ApiOptions
{
    /// <summary>Bearer token required by every API call that changes state. A secret. Default empty: such calls are refused.</summary>
    public string Token { get; set; } = "";

    /// <summary>
    /// HMAC key of the acknowledgement links. A secret. Default empty: a random key is generated once and
    /// kept in the database.
    /// </summary>
    public string AckSecret { get; set; } = "";

    /// <summary>How long an acknowledgement link works. Default <c>24h</c>.</summary>
    public string AckLinkValidity { get; set; } = "24h";
}
