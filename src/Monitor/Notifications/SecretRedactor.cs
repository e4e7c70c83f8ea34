using System.Text.RegularExpressions;
using Monitor.Configuration;

namespace Monitor.Notifications;

/// <summary>
/// Removes secrets from text that leaves the process (messages, stored errors, logs): every configured
/// secret value (SMTP password, webhook token, API token, ack secret, ingest token, the store's connection string,
/// probe header values), and anything
/// that looks like a credential (Authorization headers, bearer tokens, password= and token= pairs).
/// </summary>
internal sealed partial class SecretRedactor
{
    public const string Mask = "[redacted]";

    private readonly string[] _secrets;

    /// <param name="values">Every configured secret, as written in the config (<c>${env:NAME}</c> and <c>${file:PATH}</c> are resolved here).</param>
    public SecretRedactor(IEnumerable<string?> values)
    {
        _secrets = [.. values.OfType<string>()
            .Where(v => !string.IsNullOrEmpty(v))
            .SelectMany(v => new[] { v, SecretValue.Resolve(v) })
            .Where(v => v.Length >= 4 && !v.StartsWith("${", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)];
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        text = AuthorizationHeader().Replace(text, "$1" + Mask);
        text = Bearer().Replace(text, "$1" + Mask);
        return KeyValueSecret().Replace(text, "$1" + Mask);
    }

    [GeneratedRegex(@"(?im)(\b(?:proxy-)?authorization\s*[:=]\s*)[^\r\n]+")]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"(?i)(\bbearer\s+)[A-Za-z0-9._~+/=-]+")]
    private static partial Regex Bearer();

    [GeneratedRegex(@"(?i)(\b(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?token)\b[""']?\s*[:=]\s*[""']?)[^\s""'&,;]+")]
    private static partial Regex KeyValueSecret();
}
