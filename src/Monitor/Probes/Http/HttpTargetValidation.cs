using System.Globalization;
using System.Net.Http.Headers;
using Monitor.Configuration;

namespace Monitor.Probes.Http;

/// <summary>The checks on an HTTP target's request, TLS, resilience and assertion options, each with its config path.</summary>
internal static class HttpTargetValidation
{
    private const int MaxBodyCap = 256 * 1024 * 1024;

    public static void Validate(HttpTargetOptions target, string path, string configDirectory, ConfigChecks check)
    {
        check.NoCredentialsInUrl($"{path}:url", target.Url, "basicAuth with ${env:NAME} values");

        check.OneOf($"{path}:httpVersion", target.HttpVersion, ["1.1", "2"]);
        Range(check, $"{path}:maxRedirects", target.MaxRedirects, 1, 20);
        Range(check, $"{path}:maxBodyBytes", target.MaxBodyBytes, 1, MaxBodyCap);
        DurationBetween(check, $"{path}:timeout", target.Timeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        Range(check, $"{path}:retries", target.Retries, 0, 10);
        DurationBetween(check, $"{path}:retryDelay", target.RetryDelay, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        if ((target.Body is not null || target.BodyFile is not null) && !MediaTypeHeaderValue.TryParse(target.ContentType, out _))
        {
            check.Fail($"{path}:contentType", $"'{target.ContentType}' is not a media type (example: application/json)");
        }

        foreach (var (name, value) in target.Headers)
        {
            if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || c == ':'))
            {
                check.Fail($"{path}:headers:{name}", "not a valid header name");
            }

            SecretReference(check, $"{path}:headers:{name}", value);
        }

        if (target.BasicAuth is { } auth)
        {
            check.NotEmpty($"{path}:basicAuth:username", auth.Username);
            SecretReference(check, $"{path}:basicAuth:username", auth.Username);
            SecretReference(check, $"{path}:basicAuth:password", auth.Password);
        }

        if (!string.IsNullOrEmpty(target.CaFile))
        {
            CaFile($"{path}:caFile", Path.Combine(configDirectory, target.CaFile), check);
        }

        ValidateBreaker(target.CircuitBreaker, $"{path}:circuitBreaker", check);
        Uri.TryCreate(target.Url, UriKind.Absolute, out var url);
        HttpExpectValidation.Validate(target.Expect, url, $"{path}:expect", check);
    }

    private static void ValidateBreaker(HttpCircuitBreakerOptions breaker, string path, ConfigChecks check)
    {
        if (breaker.FailureRatio is <= 0 or > 1 || double.IsNaN(breaker.FailureRatio))
        {
            check.Fail($"{path}:failureRatio", string.Create(CultureInfo.InvariantCulture, $"{breaker.FailureRatio} is not in (0, 1]"));
        }

        Range(check, $"{path}:minimumThroughput", breaker.MinimumThroughput, 2, 1000);
        DurationBetween(check, $"{path}:samplingDuration", breaker.SamplingDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
        DurationBetween(check, $"{path}:breakDuration", breaker.BreakDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
    }

    /// <summary>Checks that <paramref name="file"/> exists and holds at least one PEM certificate.</summary>
    public static void CaFile(string path, string file, ConfigChecks check)
    {
        if (!File.Exists(file))
        {
            check.Fail(path, $"file '{file}' does not exist");
            return;
        }

        var roots = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(file);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            check.Fail(path, $"'{file}' is not a PEM certificate file: {e.Message}");
            return;
        }

        if (roots.Count == 0)
        {
            check.Fail(path, $"'{file}' holds no PEM certificate");
        }
    }

    private static void SecretReference(ConfigChecks check, string path, string value)
    {
        if (!value.StartsWith("${", StringComparison.Ordinal))
        {
            return;
        }

        if (value.StartsWith("${env:", StringComparison.Ordinal) && value.EndsWith('}') && value.Length > 7)
        {
            return;
        }

        if (value.StartsWith("${file:", StringComparison.Ordinal) && value.EndsWith('}') && value.Length > 8)
        {
            if (!File.Exists(value[7..^1]))
            {
                check.Fail(path, $"secret file '{value[7..^1]}' does not exist");
            }

            return;
        }

        check.Fail(path, "a secret reference is written ${env:NAME} or ${file:PATH}");
    }

    private static void Range(ConfigChecks check, string path, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            check.Fail(path, $"{value} is not between {min} and {max}");
        }
    }

    private static void DurationBetween(ConfigChecks check, string path, string value, TimeSpan min, TimeSpan max)
    {
        if (!check.Duration(path, value))
        {
            return;
        }

        var span = Configuration.Duration.Parse(value);
        if (span < min || span > max)
        {
            check.Fail(path, $"'{value}' is not between {Configuration.Duration.Format(min)} and {Configuration.Duration.Format(max)}");
        }
    }
}
