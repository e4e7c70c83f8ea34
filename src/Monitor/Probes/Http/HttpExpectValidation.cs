using System.Text.RegularExpressions;
using Monitor.Configuration;

namespace Monitor.Probes.Http;

/// <summary>The checks on a target's assertions (<c>monitor:targets:http:N:expect</c>), each with its config path.</summary>
internal static class HttpExpectValidation
{
    public static void Validate(HttpExpectOptions expect, Uri? url, string path, ConfigChecks check)
    {
        if (expect.MinCertDays is { } days)
        {
            if (days < 0 || double.IsNaN(days))
            {
                check.Fail($"{path}:minCertDays", "must be zero or more days");
            }
            else if (url is not null && url.Scheme != Uri.UriSchemeHttps)
            {
                check.Fail($"{path}:minCertDays", "only an https URL has a certificate");
            }
        }

        foreach (var (name, pattern) in expect.Headers)
        {
            Regex($"{path}:headers:{name}", pattern, check);
        }

        if (expect.BodyRegex is not null)
        {
            Regex($"{path}:bodyRegex", expect.BodyRegex, check);
        }

        for (var i = 0; i < expect.Json.Count; i++)
        {
            var json = expect.Json[i];
            if (!JsonPath.TryParse(json.Path, out _, out var error))
            {
                check.Fail($"{path}:json:{i}:path", $"'{json.Path}' is not a JSON path: {error}");
            }

            if (!json.Exists && json.Value is not null)
            {
                check.Fail($"{path}:json:{i}:value", "a value cannot be compared when exists is false");
            }
        }

        for (var i = 0; i < expect.AllowedFoodErrors.Count; i++)
        {
            check.NotEmpty($"{path}:allowedFoodErrors:{i}", expect.AllowedFoodErrors[i]);
        }
    }

    private static void Regex(string path, string pattern, ConfigChecks check)
    {
        try
        {
            _ = HttpExpectations.CreateRegex(pattern, RegexOptions.None);
        }
        catch (ArgumentException e)
        {
            check.Fail(path, $"'{pattern}' is not a regular expression: {e.Message}");
        }
    }
}
