using Monitor.Alerting;
using Monitor.Ingest;
using Monitor.Probes.Feed;
using Monitor.Probes.Http;
using Monitor.Rules.Definitions;

namespace Monitor.Configuration;

/// <summary>Checks the whole configuration and lists every problem with its config path.</summary>
internal static class MonitorOptionsValidator
{
    private const string Root = MonitorOptions.SectionName;

    public static List<ConfigError> Validate(MonitorOptions options, string configDirectory)
    {
        var errors = new List<ConfigError>();
        var check = new ConfigChecks(errors);
        check.NotEmpty($"{Root}:project", options.Project);
        check.NotEmpty($"{Root}:dataDirectory", options.DataDirectory);
        StorageOptionsValidator.Validate(options.Storage, $"{Root}:storage", check);
        check.HttpUrl($"{Root}:web:listen", options.Web.Listen);
        if (!string.IsNullOrEmpty(options.Web.PublicUrl))
        {
            check.HttpUrl($"{Root}:web:publicUrl", options.Web.PublicUrl);
        }

        ValidateSmtp(options.Smtp, check);
        for (var i = 0; i < options.Contacts.Emergency.Count; i++)
        {
            check.Email($"{Root}:contacts:emergency:{i}", options.Contacts.Emergency[i]);
        }

        for (var i = 0; i < options.Contacts.Technical.Count; i++)
        {
            check.Email($"{Root}:contacts:technical:{i}", options.Contacts.Technical[i]);
        }

        if (options.Rules.Count > 0 && options.Contacts.Emergency.Count + options.Contacts.Technical.Count == 0)
        {
            errors.Add(new ConfigError($"{Root}:contacts", "rules are configured but no contact is: nobody would be told"));
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Targets.Http.Count; i++)
        {
            ValidateHttp(options.Targets.Http[i], $"{Root}:targets:http:{i}", configDirectory, check, names);
        }

        for (var i = 0; i < options.Targets.Feeds.Count; i++)
        {
            ValidateFeed(options.Targets.Feeds[i], $"{Root}:targets:feeds:{i}", check, names);
        }

        string[] surfaces = ["fulfillment", "inventory", "updates", "google", "none"];
        for (var i = 0; i < options.Targets.Http.Count; i++)
        {
            check.OneOf($"{Root}:targets:http:{i}:surface", options.Targets.Http[i].Surface.ToLowerInvariant(), surfaces);
        }

        for (var i = 0; i < options.Targets.Feeds.Count; i++)
        {
            check.OneOf($"{Root}:targets:feeds:{i}:surface", options.Targets.Feeds[i].Surface.ToLowerInvariant(), surfaces);
        }

        check.PositiveDuration($"{Root}:evaluation:interval", options.Evaluation.Interval);
        check.PositiveDuration($"{Root}:evaluation:resolution", options.Evaluation.Resolution);

        var signals = new HashSet<string>(names.Keys, StringComparer.Ordinal);
        signals.UnionWith(KnownSignals.Actions);
        signals.UnionWith(options.Targets.Http
            .Where(t => t.Url.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
            .Select(t => ProbeSignals.TlsPrefix + t.Name));
        if (options.Targets.Feeds.Count > 0)
        {
            signals.UnionWith(ProbeSignals.FeedSignalNames(
                Enum.GetNames<Probes.Feed.Validation.EntityType>().Where(n => n != nameof(Probes.Feed.Validation.EntityType.Unknown))));
        }

        signals.UnionWith(Ingest.Agents.QuorumRuleChecks.LocationSignals(options, names.Keys));
        IngestOptionsValidator.Validate(options.Ingest, $"{Root}:ingest", check, signals);
        Ingest.Agents.AgentsOptionsValidator.Validate(options, check);
        Ingest.Agents.QuorumRuleChecks.Validate(options, names.Keys, check);
        ValidateRules(options.Rules, signals, errors);
        Incidents.IncidentsOptionsValidator.Validate(options, errors);
        return errors;
    }

    private static void ValidateRules(List<RuleOptions> rules, HashSet<string> signals, List<ConfigError> errors)
    {
        var problems = new List<string>();
        RuleFactory.Create(rules, problems, $"{Root}:rules");
        errors.AddRange(problems.Select(ConfigError.Parse));
        for (var i = 0; i < rules.Count; i++)
        {
            var signal = rules[i].Signal;
            if (!string.IsNullOrWhiteSpace(signal) && !SignalPattern.IsPattern(signal) && !KnownSignals.IsKnown(signal, signals))
            {
                errors.Add(new ConfigError($"{Root}:rules:{i}:signal",
                    $"unknown signal '{signal}' (known: {string.Join(", ", signals.Order(StringComparer.Ordinal))}, or a pattern ending in *)"));
            }
        }
    }

    private static void ValidateSmtp(SmtpOptions smtp, ConfigChecks check)
    {
        const string path = $"{Root}:smtp";
        if (smtp.Port is < 1 or > 65535)
        {
            check.Fail($"{path}:port", $"{smtp.Port} is not a port (1-65535)");
        }

        check.OneOf($"{path}:security", smtp.Security, ["none", "starttls", "tls"]);
        check.Email($"{path}:from", smtp.From);
        check.PositiveDuration($"{path}:timeout", smtp.Timeout);
    }

    private static void ValidateHttp(HttpTargetOptions target, string path, string configDirectory, ConfigChecks check, Dictionary<string, string> names)
    {
        check.Unique($"{path}:name", target.Name, names, "target");
        check.HttpUrl($"{path}:url", target.Url);
        check.OneOf($"{path}:method", target.Method.ToUpperInvariant(), ["GET", "POST", "PUT", "HEAD", "OPTIONS", "PATCH", "DELETE"]);
        check.Schedule(path, target.Interval, target.Cron);
        HttpTargetValidation.Validate(target, path, configDirectory, check);
        if (target.Body is not null && target.BodyFile is not null)
        {
            check.Fail($"{path}:bodyFile", "set either body or bodyFile, not both");
        }

        if (target.BodyFile is not null && !File.Exists(Path.Combine(configDirectory, target.BodyFile)))
        {
            check.Fail($"{path}:bodyFile", $"file '{Path.Combine(configDirectory, target.BodyFile)}' does not exist");
        }

        for (var i = 0; i < target.Expect.Status.Count; i++)
        {
            if (target.Expect.Status[i] is < 100 or > 599)
            {
                check.Fail($"{path}:expect:status:{i}", $"{target.Expect.Status[i]} is not an HTTP status (100-599)");
            }
        }

        if (target.Expect.MaxLatency is not null)
        {
            check.PositiveDuration($"{path}:expect:maxLatency", target.Expect.MaxLatency);
        }
    }

    private static void ValidateFeed(FeedTargetOptions feed, string path, ConfigChecks check, Dictionary<string, string> names)
    {
        check.Unique($"{path}:name", feed.Name, names, "target");
        check.NotEmpty($"{path}:source", feed.Source);
        check.Schedule(path, feed.Interval, feed.Cron);
        check.PositiveDuration($"{path}:maxAge", feed.MaxAge);
        check.PositiveDuration($"{path}:staleAfter", feed.StaleAfter);
        check.PositiveDuration($"{path}:timeout", feed.Timeout);
        if (feed.MaxSampleErrors is < 0 or > 10_000)
        {
            check.Fail($"{path}:maxSampleErrors", $"{feed.MaxSampleErrors} is not between 0 and 10000");
        }

        check.NoCredentialsInUrl($"{path}:source", feed.Source, "username and password with ${env:NAME} values");
    }
}
