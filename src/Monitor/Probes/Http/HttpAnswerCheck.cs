using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Monitor.Probes.Http;

/// <summary>
/// The assertions on an HTTP answer, in the order a person would check them; the first that fails names the
/// reason. FoodErrorExtension types are classified whether or not they fail the run.
/// </summary>
internal static class HttpAnswerCheck
{
    /// <summary>Longest piece of an answer quoted in a detail.</summary>
    private const int MaxQuote = 80;

    public static HttpAttempt Check(HttpExpectations expect, HttpResponseMessage response, ReadOnlySpan<byte> body, TimeSpan latency, TlsHandshake? tls, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        var parseError = "";
        using var document = expect.Json.Count > 0 || body.IndexOf("foodOrderErrors"u8) >= 0 ? TryParse(body, out parseError) : null;

        // Error types are classified even when another assertion fails first, so rules can still tell them apart.
        var types = document is null ? [] : FoodErrorFinder.Find(document.RootElement);
        var refused = types.FirstOrDefault(t => !expect.AllowedFoodErrors.Contains(t));
        var errorType = refused ?? types.FirstOrDefault();

        var failure = CheckHead(expect, response, status, latency, tls, now)
            ?? (document is null && expect.Json.Count > 0 ? Fail("the answer is not JSON: " + parseError) : null)
            ?? CheckBody(expect, body)
            ?? (document is null ? null : CheckJson(expect, document.RootElement))
            ?? (refused is null ? null : Fail(FoodErrorDetail(refused, types)));
        if (failure is { } f)
        {
            return HttpAttempt.Failed(f.Reason, f.Detail, latency) with { StatusCode = status, ErrorType = errorType };
        }

        var detail = string.Create(CultureInfo.InvariantCulture, $"HTTP/{response.Version} {status} in {latency.TotalMilliseconds:0} ms");
        if (errorType is not null)
        {
            detail += "; allowed FoodErrorExtension " + FoodErrorTypes.Describe(errorType);
        }

        return new HttpAttempt(true, null, detail, latency) { StatusCode = status, ErrorType = errorType };
    }

    private static (string Reason, string Detail)? CheckHead(HttpExpectations expect, HttpResponseMessage response, int status, TimeSpan latency, TlsHandshake? tls, DateTimeOffset now)
    {
        if (!expect.Status.Contains(status))
        {
            return (HttpFailureReason.Status, $"status {status}, expected {string.Join(" or ", expect.Status)}");
        }

        if (expect.MaxLatency is { } limit && latency > limit)
        {
            return (HttpFailureReason.Latency, string.Create(CultureInfo.InvariantCulture,
                $"answered in {latency.TotalMilliseconds:0} ms, limit {limit.TotalMilliseconds:0} ms"));
        }

        if (expect.MinCertDays is { } minDays && tls is { } handshake && (handshake.NotAfter - now).TotalDays < minDays)
        {
            return (HttpFailureReason.Tls, string.Create(CultureInfo.InvariantCulture,
                $"the certificate expires in {(handshake.NotAfter - now).TotalDays:0.0} days (on {handshake.NotAfter:yyyy-MM-dd}), minimum {minDays} days"));
        }

        foreach (var (name, pattern) in expect.Headers)
        {
            var values = response.Headers.TryGetValues(name, out var found) || response.Content.Headers.TryGetValues(name, out found)
                ? string.Join(", ", found)
                : null;
            if (values is null)
            {
                return (HttpFailureReason.Body, $"header {name} missing");
            }

            if (!SafeIsMatch(pattern, values))
            {
                return (HttpFailureReason.Body, $"header {name} is '{Quote(values)}', expected to match '{pattern}'");
            }
        }

        return null;
    }

    private static (string Reason, string Detail)? CheckBody(HttpExpectations expect, ReadOnlySpan<byte> body)
    {
        if (expect.BodyContains is null && expect.BodyRegex is null)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(body);
        if (expect.BodyContains is { } needle && !text.Contains(needle, StringComparison.Ordinal))
        {
            return (HttpFailureReason.Body, $"body does not contain '{needle}'");
        }

        if (expect.BodyRegex is { } regex && !SafeIsMatch(regex, text))
        {
            return (HttpFailureReason.Body, $"body does not match '{regex}'");
        }

        return null;
    }

    private static (string Reason, string Detail)? CheckJson(HttpExpectations expect, JsonElement root)
    {
        foreach (var (path, check) in expect.Json)
        {
            var exists = path.TryFind(root, out var value);
            if (exists != check.Exists)
            {
                return (HttpFailureReason.Body, exists ? $"{path.Text} is present, expected absent" : $"{path.Text} is missing");
            }

            if (exists && check.Value is { } expected && !JsonPath.ValueEquals(value, expected))
            {
                return (HttpFailureReason.Body, $"{path.Text} is {Quote(value.GetRawText())}, expected {expected}");
            }
        }

        return null;
    }

    private static (string Reason, string Detail)? Fail(string detail) => (HttpFailureReason.Body, detail);

    private static string FoodErrorDetail(string refused, List<string> types)
    {
        var all = types.Distinct(StringComparer.Ordinal).ToList();
        var others = all.Count > 1 ? $" (all errors: {string.Join(", ", all)})" : "";
        return "FoodErrorExtension " + FoodErrorTypes.Describe(refused) + others;
    }

    private static JsonDocument? TryParse(ReadOnlySpan<byte> body, out string error)
    {
        error = "";
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            return JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            error = e.BytePositionInLine is { } position ? $"invalid at byte {position} of line {e.LineNumber + 1}" : "invalid JSON";
            return null;
        }
    }

    private static bool SafeIsMatch(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Quote(string text) => text.Length <= MaxQuote ? text : text[..MaxQuote] + "...";
}
