namespace Monitor.Probes.Http;

/// <summary>Basic authentication for a target (<c>monitor:targets:http:N:basicAuth</c>).</summary>
internal sealed class HttpBasicAuthOptions
{
    /// <summary>User name; may be <c>${env:NAME}</c> or <c>${file:PATH}</c>. Default empty.</summary>
    public string Username { get; set; } = "";

    /// <summary>Password; may be <c>${env:NAME}</c> or <c>${file:PATH}</c>. A secret: never logged. Default empty.</summary>
    public string Password { get; set; } = "";
}
