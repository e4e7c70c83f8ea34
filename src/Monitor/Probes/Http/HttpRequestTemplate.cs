using System.Net.Http.Headers;
using System.Text;
using Monitor.Configuration;

namespace Monitor.Probes.Http;

/// <summary>
/// The request a target sends. Secret references in header and basic-auth values are resolved on each run, so a
/// rotated token is picked up, and the resolved values only ever live in the request. A reference that resolves to
/// nothing (an unset variable, a missing file) is left out and reported by its setting name, never its value.
/// </summary>
internal sealed class HttpRequestTemplate
{
    private readonly Action<string> _emptySecret;
    private readonly HttpTargetOptions _target;
    private readonly HttpMethod _method;
    private readonly Uri _url;
    private readonly Version _version;
    private readonly byte[]? _body;
    private readonly MediaTypeHeaderValue? _contentType;

    public HttpRequestTemplate(HttpTargetOptions target, string configDirectory, Action<string> emptySecret)
    {
        _emptySecret = emptySecret;
        _target = target;
        _method = new HttpMethod(target.Method.ToUpperInvariant());
        _url = new Uri(target.Url, UriKind.Absolute);
        _version = target.HttpVersion == "2" ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11;
        _body = target.BodyFile is not null
            ? File.ReadAllBytes(Path.Combine(configDirectory, target.BodyFile))
            : target.Body is not null ? Encoding.UTF8.GetBytes(target.Body) : null;
        _contentType = _body is null ? null : MediaTypeHeaderValue.Parse(target.ContentType);
    }

    public Uri Url => _url;

    public HttpRequestMessage Create(AttemptProgress progress)
    {
        var request = new HttpRequestMessage(_method, _url)
        {
            Version = _version,
            // Exact: a target that asks for HTTP/2 is checked to speak it, not silently downgraded.
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Options.Set(AttemptProgress.Key, progress);
        if (_body is not null)
        {
            request.Content = new ByteArrayContent(_body);
            request.Content.Headers.ContentType = _contentType;
        }

        foreach (var (name, value) in _target.Headers)
        {
            if (Resolve(value, "headers:" + name) is not { } resolved)
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, resolved) && request.Content is not null)
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, resolved);
            }
        }

        if (_target.BasicAuth is { } auth
            && Resolve(auth.Username, "basicAuth:username") is { } user
            && Resolve(auth.Password, "basicAuth:password") is { } password)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        }

        return request;
    }

    private string? Resolve(string value, string setting)
    {
        var resolved = SecretValue.Resolve(value);
        if (resolved.Length == 0 && value.StartsWith("${", StringComparison.Ordinal))
        {
            _emptySecret(setting);
            return null;
        }

        return resolved;
    }
}
