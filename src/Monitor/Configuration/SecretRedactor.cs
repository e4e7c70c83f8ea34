using System.Text.RegularExpressions;

namespace Monitor.Configuration;

/// <summary>
/// Removes secrets from text that leaves the process (probe results, messages, stored errors, logs): every configured
/// secret value (SMTP password, webhook token, API token, ack secret, ingest token, the store's connection string,
/// probe header values and passwords), and anything that looks like a credential (Authorization headers, bearer
/// tokens, password= and token= pairs). A reloaded configuration teaches it that configuration's secrets too.
/// </summary>
internal sealed partial class SecretRedactor
{
    public const string Mask = "[redacted]";

    private readonly Lock _gate = new();
    private string[] _secrets;

    /// <param name="values">Every configured secret, as written in the config (<c>${env:NAME}</c> and <c>${file:PATH}</c> are resolved here).</param>
    public SecretRedactor(IEnumerable<string?> values)
    {
        _secrets = Prepare(values);
    }

    /// <summary>
    /// Adds the secrets of a reloaded configuration. Those already known stay masked: text written before the reload
    /// (failure samples, stored errors) may still hold a value that the new configuration rotated away.
    /// </summary>
    public void Learn(IEnumerable<string?> values)
    {
        lock (_gate)
        {
            Volatile.Write(ref _secrets, Prepare(values.Concat(_secrets)));
        }
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        foreach (var secret in Volatile.Read(ref _secrets))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        text = AuthorizationHeader().Replace(text, "$1" + Mask);
        text = Bearer().Replace(text, "$1" + Mask);
        return KeyValueSecret().Replace(text, "$1" + Mask);
    }

    // Longest first, so that a secret containing another is masked whole.
    private static string[] Prepare(IEnumerable<string?> values) =>
        [.. values.OfType<string>()
            .Where(v => !string.IsNullOrEmpty(v))
            .SelectMany(v => new[] { v, SecretValue.Resolve(v) })
            .Where(v => v.Length >= 4 && !v.StartsWith("${", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)];

    [GeneratedRegex(@"(?im)(\b(?:proxy-)?authorization\s*[:=]\s*)[^\r\n]+")]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"(?i)(\bbearer\s+)[A-Za-z0-9._~+/=-]+")]
    private static partial Regex Bearer();

    [GeneratedRegex(@"(?i)(\b(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?token)\b[""']?\s*[:=]\s*[""']?)[^\s""'&,;]+")]
    private static partial Regex KeyValueSecret();
}
