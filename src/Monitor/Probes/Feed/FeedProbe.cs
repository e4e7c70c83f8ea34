using Microsoft.Extensions.Logging;
using Monitor.Probes.Feed.Sources;
using Monitor.Probes.Feed.Validation;
using Monitor.Rules.Definitions;

namespace Monitor.Probes.Feed;

/// <summary>
/// Validates one configured feed per run. Failure reasons: <c>missing</c>, <c>unreachable</c>,
/// <c>unauthorized</c>, <c>timeout</c>, <c>invalid</c> (Google's error-rate alert would fire, or a file
/// breaks a limit) and <c>stale</c> (entity age or feed age).
/// </summary>
internal sealed class FeedProbe : IProbe
{
    private readonly FeedTargetOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger<FeedProbe> _logger;
    private readonly FeedValidationSettings _settings;

    /// <param name="options">The target.</param>
    /// <param name="http">Used for URL sources; its own timeout should be infinite (the run has one).</param>
    /// <param name="time">Clock for feed age, entity age and the run timeout.</param>
    /// <param name="logger">Log sink.</param>
    /// <param name="stateDirectory">Folder for the previous run's restaurant ids (<c>NAME.restaurants</c>), created when needed.</param>
    public FeedProbe(FeedTargetOptions options, HttpClient http, TimeProvider time, ILogger<FeedProbe> logger, string stateDirectory)
    {
        _options = options;
        _http = http;
        _time = time;
        _logger = logger;
        _settings = new FeedValidationSettings
        {
            StaleAfter = DurationOr(options.StaleAfter, FeedLimits.StaleAfter),
            MaxSamples = Math.Max(0, options.MaxSampleErrors),
            RestaurantSnapshotPath = Path.Combine(stateDirectory, SafeFileName(options.Name) + ".restaurants"),
        };
    }

    public string Name => _options.Name;

    public string Kind => "feed";

    /// <summary>The last complete report, for the status page and evidence bundles.</summary>
    public FeedReport? LastReport { get; private set; }

    public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        var timeout = DurationOr(_options.Timeout, TimeSpan.FromMinutes(30));
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var snapshot = await FeedSources.ResolveAsync(_options.Source, _http, Configuration.SecretValue.Resolve(_options.Username), Configuration.SecretValue.Resolve(_options.Password), linked.Token);
            var report = await new FeedValidator(_time).ValidateAsync(snapshot, _settings, null, linked.Token);
            LastReport = report;
            var verdict = FeedVerdict.Evaluate(report, DurationOr(_options.MaxAge, TimeSpan.FromHours(26)));
            FeedLog.Validated(_logger, Name, report.Entities, report.Invalid, report.Bytes, report.Duration.TotalSeconds);
            foreach (var note in report.Notes)
            {
                FeedLog.RunNote(_logger, Name, note);
            }

            var detail = verdict.Crossed
                ? string.Join("; ", verdict.Breaches)
                : $"{report.Entities} entities, {report.Invalid} invalid, stale share {report.StaleShare:P2}";
            if (verdict.Crossed)
            {
                FeedLog.Failing(_logger, Name, verdict.Reason!, detail);
            }

            // Nothing could be read at all: the feed is unreachable, whatever the counts say.
            var reason = report.Files > 0 && report.FileIssues.Count(i => i.Reason == "unreadable") == report.Files
                ? "unreachable"
                : verdict.Reason;
            return new ProbeResult(Name, Kind, startedAt, report.Duration, !verdict.Crossed, reason, detail)
            {
                Gauges = FeedGauges.From(report),
            };
        }
        catch (FeedSourceException e)
        {
            FeedLog.Unavailable(_logger, Name, e.Reason, e.Message);
            return new ProbeResult(Name, Kind, startedAt, _time.GetElapsedTime(started), false, e.Reason, e.Message);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            FeedLog.TimedOut(_logger, Name, timeout);
            return new ProbeResult(Name, Kind, startedAt, _time.GetElapsedTime(started), false, "timeout",
                $"validation did not finish within {timeout}");
        }
    }

    // Start-up validation reports bad durations; a run falls back to the default rather than failing.
    private static TimeSpan DurationOr(string? text, TimeSpan fallback) =>
        Durations.TryParse(text, out var value) && value > TimeSpan.Zero ? value : fallback;

    private static string SafeFileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var chars = name.Select(c => invalid.Contains(c) || c == '.' ? '_' : c).ToArray();
        return chars.Length == 0 ? "feed" : new string(chars);
    }
}
