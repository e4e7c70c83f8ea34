namespace Monitor.Configuration;

/// <summary>
/// Who speaks in every message, bound once from the top of the configuration: the project's name, its partner id at
/// Google, and the URL people reach the daemon at (<c>web.publicUrl</c>, else the listen URL).
/// </summary>
internal sealed record ProjectIdentity(string Name, string PartnerId, string BaseUrl)
{
    /// <summary>The status page's URL, with its trailing slash.</summary>
    public string StatusUrl => BaseUrl + "/";

    /// <summary>The name in lower case with every character but ASCII letters, digits and '-' made '-': for keys and mail domains.</summary>
    public string Slug => new([.. Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    public static ProjectIdentity Of(MonitorOptions options) =>
        new(options.Project, options.PartnerId, (options.Web.PublicUrl ?? options.Web.Listen).TrimEnd('/'));
}
