using System.Text.RegularExpressions;
using Monitor.Configuration;

namespace Monitor.Probes.Http;

/// <summary>A target's assertions, parsed and compiled once (options were validated at start).</summary>
internal sealed class HttpExpectations
{
    /// <summary>Bounds a pathological pattern on a large body; a run is never stuck in a regex.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public HttpExpectations(HttpExpectOptions options)
    {
        Status = options.Status.Count > 0 ? [.. options.Status] : [200];
        MaxLatency = Duration.ParseOptional(options.MaxLatency);
        MinCertDays = options.MinCertDays;
        Headers = [.. options.Headers.Select(h => (h.Key, CreateRegex(h.Value, RegexOptions.IgnoreCase)))];
        BodyContains = string.IsNullOrEmpty(options.BodyContains) ? null : options.BodyContains;
        BodyRegex = string.IsNullOrEmpty(options.BodyRegex) ? null : CreateRegex(options.BodyRegex, RegexOptions.None);
        Json = [.. options.Json.Select(j => (JsonPath.TryParse(j.Path, out var path, out _) ? path : throw new FormatException(j.Path), j))];
        AllowedFoodErrors = new HashSet<string>(options.AllowedFoodErrors, StringComparer.Ordinal);
    }

    public IReadOnlyList<int> Status { get; }

    public TimeSpan? MaxLatency { get; }

    public double? MinCertDays { get; }

    public IReadOnlyList<(string Name, Regex Pattern)> Headers { get; }

    public string? BodyContains { get; }

    public Regex? BodyRegex { get; }

    public IReadOnlyList<(JsonPath Path, JsonCheckOptions Check)> Json { get; }

    public IReadOnlySet<string> AllowedFoodErrors { get; }

    public static Regex CreateRegex(string pattern, RegexOptions options) =>
        new(pattern, options | RegexOptions.CultureInvariant, RegexTimeout);
}
