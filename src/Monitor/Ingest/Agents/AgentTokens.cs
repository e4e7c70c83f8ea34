using Monitor.Configuration;
using Monitor.Ingest.Http;

namespace Monitor.Ingest.Agents;

/// <summary>Which location a bearer token belongs to. Every token is compared (in constant time), so timing tells nothing.</summary>
internal sealed class AgentTokens(AgentsOptions options)
{
    private readonly (string Location, BearerToken Token)[] _tokens =
        [.. options.Locations.Select(l => (l.Name, new BearerToken(SecretValue.Resolve(l.Token))))];

    public bool Enabled => _tokens.Length > 0;

    public string? LocationOf(string? authorization)
    {
        string? found = null;
        foreach (var (location, token) in _tokens)
        {
            if (token.IsValid(authorization))
            {
                found ??= location;
            }
        }

        return found;
    }
}
