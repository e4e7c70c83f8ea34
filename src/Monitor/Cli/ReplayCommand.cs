using System.CommandLine;
using System.Globalization;
using Monitor.Replay;

namespace Monitor.Cli;

/// <summary>
/// <c>monitor replay FILE... [--config FILE] [--json] [--from T] [--to T]</c>: recorded outcomes through the
/// configured rules on a virtual clock, next to Google's own fulfillment alerts.
/// </summary>
internal static class ReplayCommand
{
    private const int ProblemsShown = 20;

    public static Command Create(Stream? standardInput = null)
    {
        var files = new Argument<string[]>("files")
        {
            Description = "NDJSON files of outcomes in the ingest format, with time on every line; .gz accepted; - reads standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (alerts, incidents, cases, google, leads, input) instead of the timeline." };
        var from = new Option<string?>("--from") { Description = "Leave out lines before this time (ISO 8601 with an offset)." };
        var to = new Option<string?>("--to") { Description = "Leave out lines at or after this time (ISO 8601 with an offset)." };
        var command = new Command("replay",
            "Replay recorded traffic through the rules (a daemon config, or a rule file such as config/traffic/rules.yaml) " +
            "on a virtual clock at the configured evaluation interval, and show what would have fired, the incidents and cases " +
            "it would have opened, when Google's checkout, submit-order and payment-declined alerts would have fired, and the " +
            "lead of every urgent alert. Nothing is sent and no store is touched. Malformed and out-of-order lines are reported " +
            "with file and line, counted and skipped. Exit codes: 0 replayed; 2 bad configuration or unusable input.");
        command.Arguments.Add(files);
        command.Options.Add(json);
        command.Options.Add(from);
        command.Options.Add(to);
        command.SetAction(result =>
        {
            var error = result.InvocationConfiguration.Error;
            if (!TryTime(result.GetValue(from), "--from", error, out var start) || !TryTime(result.GetValue(to), "--to", error, out var end))
            {
                return ExitCodes.BadInput;
            }

            if (LoadRules(result) is not { } rules)
            {
                return ExitCodes.BadInput;
            }

            var settings = new ReplaySettings { Interval = rules.Interval, Resolution = rules.Resolution, From = start, To = end };
            var replayer = new Replayer(rules.Rules, settings, rules.CustomActions, LifecycleIncidents.For(rules.Options));
            foreach (var file in result.GetValue(files) ?? [])
            {
                try
                {
                    using var stream = ReplaySource.Open(file, standardInput);
                    replayer.Replay(ReplaySource.DisplayName(file), stream);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    error.WriteLine($"replay: {ReplaySource.DisplayName(file)}: {e.Message}");
                    return ExitCodes.BadInput;
                }
            }

            var report = replayer.Finish();
            ReplayText.WriteProblems(error, report, ProblemsShown);
            if (replayer.Stopped is { } stopped)
            {
                error.WriteLine($"replay: {stopped}");
                return ExitCodes.BadInput;
            }

            if (report.Input.Lines > 0 && report.Input.Replayed == 0 && report.Input.OutsideRange == 0)
            {
                error.WriteLine("replay: no line could be replayed");
                return ExitCodes.BadInput;
            }

            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                output.WriteLine(ReplayJson.Write(report));
            }
            else
            {
                ReplayText.Write(output, report);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static ReplayRules? LoadRules(ParseResult result)
    {
        var given = result.GetResult(CommonOptions.Config);
        var path = result.GetValue(CommonOptions.Config) ?? Configuration.ConfigLoader.DefaultPath;
        if (given is not null && !given.Implicit && File.Exists(path) && ReplayRules.IsRuleFile(path))
        {
            var errors = new List<string>();
            var rules = ReplayRules.FromRuleFile(path, errors);
            if (errors.Count == 0)
            {
                return rules;
            }

            var error = result.InvocationConfiguration.Error;
            error.WriteLine($"monitor: rule file '{path}' is invalid ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):");
            foreach (var problem in errors)
            {
                error.WriteLine($"  {problem}");
            }

            return null;
        }

        return CommonOptions.Load(result) is { } config ? ReplayRules.FromConfig(config) : null;
    }

    private static bool TryTime(string? text, string option, TextWriter error, out DateTimeOffset? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        error.WriteLine($"monitor: {option}: '{text}' is not a time (ISO 8601, for example 2026-11-28T12:00:00Z)");
        return false;
    }
}
