using System.CommandLine;
using Monitor.Probes.Feed;
using Monitor.Probes.Feed.Sources;
using Monitor.Probes.Feed.Validation;
using Monitor.Rules.Definitions;

namespace Monitor.Cli;

/// <summary><c>monitor validate-feed PATH|URL [--format text|json|github] [--now ISO8601]</c>: a feed check for partners' CI, before upload.</summary>
internal static class ValidateFeedCommand
{
    public const int Ok = ExitCodes.Ok;
    public const int ThresholdsCrossed = ExitCodes.CheckFailed;
    public const int Unusable = ExitCodes.BadInput;

    private const string UserVariable = "MONITOR_FEED_USERNAME";
    private const string PasswordVariable = "MONITOR_FEED_PASSWORD";

    public static Command Create(TimeProvider? timeProvider = null, HttpClient? httpClient = null)
    {
        var source = new Argument<string>("source")
        {
            Description = "A feed file, a folder of .ndjson/.jsonl/.json files, a glob, or an http(s) URL of a data file or a sitemap.xml.",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of a table (the same as --format json)." };
        var format = new Option<string>("--format")
        {
            Description = "text (a table, the default), json, or github (workflow annotations, one per sampled problem).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "github");
        var now = new Option<string?>("--now")
        {
            Description = "Judge dateModified ages as if it were this time (ISO 8601 with an offset, 2026-11-28T12:00:00Z), " +
                          "so a fixed example or fixture stays fresh; default: the clock.",
        };
        var samples = new Option<int>("--max-sample-errors")
        {
            Description = "How many bad lines to show as evidence.",
            DefaultValueFactory = _ => 20,
        };
        var staleAfter = new Option<string>("--stale-after")
        {
            Description = "Age of dateModified after which an entity is stale (90m, 26h, 3d).",
            DefaultValueFactory = _ => "3d",
        };

        var timeout = new Option<string>("--timeout")
        {
            Description = "Give up (exit 2) when fetching and validating take longer than this.",
            DefaultValueFactory = _ => "30m",
        };

        var command = new Command("validate-feed",
            "Validate an Ordering End-to-End inventory feed as Google would, before upload. " +
            "Exit codes: 0 = Google's feed alerts would not fire; 1 = they would (an entity type over 10% invalid " +
            "with more than 100 entities, or over 20%; 1% or more entities with dateModified older than 3 days; " +
            "a file over 200 MB or empty); 2 = the input is unusable (missing, unreachable, refused). " +
            $"HTTP basic auth credentials come from {UserVariable} and {PasswordVariable}, or from the URL.");
        command.Arguments.Add(source);
        command.Options.Add(json);
        command.Options.Add(format);
        command.Options.Add(now);
        command.Options.Add(samples);
        command.Options.Add(staleAfter);
        command.Options.Add(timeout);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (!Durations.TryParse(parseResult.GetValue(staleAfter), out var stale) || stale <= TimeSpan.Zero)
            {
                await error.WriteLineAsync("--stale-after: expected a duration such as 90m, 26h or 3d");
                return Unusable;
            }

            if (!Durations.TryParse(parseResult.GetValue(timeout), out var limit) || limit <= TimeSpan.Zero)
            {
                await error.WriteLineAsync("--timeout: expected a duration such as 90s, 10m or 1h");
                return Unusable;
            }

            var time = timeProvider ?? TimeProvider.System;
            if (parseResult.GetValue(now) is { } nowText)
            {
                if (!DateTimeOffset.TryParse(nowText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
                    || !Monitor.Probes.Feed.Validation.DateTimes.HasOffset(System.Text.Encoding.UTF8.GetBytes(nowText)))
                {
                    await error.WriteLineAsync($"--now: '{nowText}' is not an ISO 8601 date-time with an offset, such as 2026-11-28T12:00:00Z");
                    return Unusable;
                }

                time = new ShiftedTimeProvider(time, at);
            }

            using var deadline = new CancellationTokenSource(limit, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            var settings = new FeedValidationSettings { StaleAfter = stale, MaxSamples = Math.Max(0, parseResult.GetValue(samples)) };
            var http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            try
            {
                var snapshot = await FeedSources.ResolveAsync(parseResult.GetValue(source)!, http,
                    Environment.GetEnvironmentVariable(UserVariable), Environment.GetEnvironmentVariable(PasswordVariable),
                    linked.Token);
                var form = parseResult.GetValue(json) ? "json" : parseResult.GetValue(format);
                // Progress goes to standard error, and only to a terminal, so piped reports stay clean.
                var progress = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected
                    ? new TerminalProgress(error, time)
                    : null;
                var report = await new FeedValidator(time).ValidateAsync(snapshot, settings, progress, linked.Token);
                progress?.Finish();

                var verdict = FeedVerdict.Evaluate(report);
                switch (form)
                {
                    case "json":
                        await output.WriteLineAsync(FeedReportJson.Write(report, verdict));
                        break;
                    case "github":
                        FeedReportGitHub.Write(output, report, verdict);
                        break;
                    default:
                        FeedReportText.Write(output, report, verdict);
                        break;
                }

                // Every file unreadable means nothing was checked: that is unusable input, not a verdict.
                var nothingRead = report.FileIssues.Count(i => i.Reason == "unreadable") == report.Files;
                return nothingRead ? Unusable : verdict.Crossed ? ThresholdsCrossed : Ok;
            }
            catch (FeedSourceException e)
            {
                await error.WriteLineAsync($"validate-feed: {e.Reason}: {e.Message}");
                return Unusable;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                await error.WriteLineAsync($"validate-feed: timeout: not finished within {limit}");
                return Unusable;
            }
            finally
            {
                if (httpClient is null)
                {
                    http.Dispose();
                }
            }
        });
        return command;
    }
}
