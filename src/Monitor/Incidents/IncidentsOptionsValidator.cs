using System.Globalization;
using Monitor.Configuration;
using Monitor.Incidents.Calendar;
using Monitor.Notifications.Channels;
using Monitor.Rules.Alerts;
using Channels = Monitor.Notifications.Outbox.Channels;

namespace Monitor.Incidents;

/// <summary>Checks the incidents, cases, calendar, maintenance, API and delivery sections; every problem with its path.</summary>
internal static class IncidentsOptionsValidator
{
    private const string Root = MonitorOptions.SectionName;

    public static readonly string[] NotifyTargets = ["emergency", "technical", "digest", "none", .. Channels.Routable];

    public static readonly string[] CaseKinds = ["urgent", "standard", "none"];

    private static void Matcher(ConfigChecks check, string path, MatcherOptions m)
    {
        for (var j = 0; j < m.Categories.Count; j++)
        {
            check.OneOf($"{path}:categories:{j}", m.Categories[j], [.. AlertClassification.CategoryValues]);
        }

        for (var j = 0; j < m.Severities.Count; j++)
        {
            check.OneOf($"{path}:severities:{j}", m.Severities[j], [.. AlertClassification.SeverityValues]);
        }
    }

    public static void Validate(MonitorOptions options, List<ConfigError> errors)
    {
        var check = new ConfigChecks(errors);
        var incidents = options.Incidents;
        check.OneOf($"{Root}:incidents:groupBy", incidents.GroupBy, ["problem", "fingerprint", "category-target"]);
        var problemNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < incidents.Problems.Count; i++)
        {
            var problem = incidents.Problems[i];
            var path = $"{Root}:incidents:problems:{i}";
            if (string.IsNullOrWhiteSpace(problem.Name))
            {
                check.Fail($"{path}:name", "is required");
            }
            else if (!problemNames.Add(problem.Name))
            {
                check.Fail($"{path}:name", $"'{problem.Name}' is used by another problem");
            }

            if (problem.Rules.Count + problem.Signals.Count + problem.Targets.Count + problem.Categories.Count + problem.Severities.Count == 0)
            {
                check.Fail(path, "a problem needs at least one matcher (rules, signals, targets, categories or severities)");
            }

            Matcher(check, path, problem);
        }

        for (var i = 0; i < incidents.Inhibit.Count; i++)
        {
            var rule = incidents.Inhibit[i];
            var path = $"{Root}:incidents:inhibit:{i}";
            Matcher(check, path + ":source", rule.Source);
            Matcher(check, path + ":target", rule.Target);
            if (rule.Target.Rules.Count + rule.Target.Signals.Count + rule.Target.Targets.Count + rule.Target.Categories.Count + rule.Target.Severities.Count == 0)
            {
                check.Fail(path + ":target", "an inhibition rule needs a target matcher; an empty one would mute every other alert");
            }

            for (var j = 0; j < rule.Equal.Count; j++)
            {
                check.OneOf($"{path}:equal:{j}", rule.Equal[j], [.. Monitor.Rules.Incidents.AlertLabels.Names]);
            }
        }

        check.Duration($"{Root}:incidents:reopenWindow", incidents.ReopenWindow);
        check.Duration($"{Root}:incidents:repeatInterval", incidents.RepeatInterval);
        check.PositiveDuration($"{Root}:incidents:digestInterval", incidents.DigestInterval);
        check.PositiveDuration($"{Root}:incidents:tickInterval", incidents.TickInterval);
        check.Duration($"{Root}:incidents:escalation:after", incidents.Escalation.After);
        for (var i = 0; i < incidents.Escalation.Contacts.Count; i++)
        {
            check.Email($"{Root}:incidents:escalation:contacts:{i}", incidents.Escalation.Contacts[i]);
        }

        for (var i = 0; i < incidents.Routes.Count; i++)
        {
            var route = incidents.Routes[i];
            var path = $"{Root}:incidents:routes:{i}";
            for (var j = 0; j < route.Severities.Count; j++)
            {
                check.OneOf($"{path}:severities:{j}", route.Severities[j], [.. AlertClassification.SeverityValues]);
            }

            for (var j = 0; j < route.Categories.Count; j++)
            {
                check.OneOf($"{path}:categories:{j}", route.Categories[j], [.. AlertClassification.CategoryValues]);
            }

            for (var j = 0; j < route.Notify.Count; j++)
            {
                check.OneOf($"{path}:notify:{j}", route.Notify[j], NotifyTargets);
                var channel = route.Notify[j].ToLowerInvariant();
                if (Channels.Routable.Contains(channel) && !options.Channels.Configured().Contains(channel))
                {
                    check.Fail($"{path}:notify:{j}", $"{channel} is not configured (monitor:channels:{channel})");
                }
            }

            check.OneOf($"{path}:case", route.Case, CaseKinds);
        }

        ChannelsOptionsValidator.Validate(options.Channels, $"{Root}:channels", check);

        var cases = options.Cases;
        check.OneOf($"{Root}:cases:mode", cases.Mode, ["auto", "after-confirmation", "draft"]);
        check.Duration($"{Root}:cases:confirmationDelay", cases.ConfirmationDelay);
        if (!string.IsNullOrWhiteSpace(cases.SupportEmail))
        {
            check.Email($"{Root}:cases:supportEmail", cases.SupportEmail);
        }

        if (!string.IsNullOrWhiteSpace(cases.Webhook.Url))
        {
            check.HttpUrl($"{Root}:cases:webhook:url", cases.Webhook.Url);
        }

        check.PositiveDuration($"{Root}:cases:webhook:timeout", cases.Webhook.Timeout);

        ValidateCalendar(options.Calendar, check);

        var maintenance = options.Maintenance;
        check.Duration($"{Root}:maintenance:pauseReminderAfter", maintenance.PauseReminderAfter);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < maintenance.Schedules.Count; i++)
        {
            var schedule = maintenance.Schedules[i];
            var path = $"{Root}:maintenance:schedules:{i}";
            check.Unique($"{path}:name", schedule.Name, names, "maintenance schedule");
            if (!Maintenance.MaintenanceCalendar.TryParseCron(schedule.Cron, out _))
            {
                check.Fail($"{path}:cron", $"'{schedule.Cron}' is not a cron expression (minutes hours day-of-month month day-of-week, e.g. '0 2 * * SUN')");
            }

            check.PositiveDuration($"{path}:duration", schedule.Duration);
            TimeZoneCheck(check, $"{path}:timeZone", schedule.TimeZone);
        }

        check.PositiveDuration($"{Root}:api:ackLinkValidity", options.Api.AckLinkValidity);
        // An unset ${env:NAME} resolves to nothing; the loader names the variable, so only a short value is reported here.
        if (SecretValue.Resolve(options.Api.Token) is { Length: > 0 and < 16 })
        {
            check.Fail($"{Root}:api:token", "must be at least 16 characters (or empty: state-changing API calls refused)");
        }

        if (SecretValue.Resolve(options.Api.AckSecret) is { Length: > 0 and < 16 })
        {
            check.Fail($"{Root}:api:ackSecret", "must be at least 16 characters (or empty: one is generated and kept in the database)");
        }

        var delivery = options.Delivery;
        check.PositiveDuration($"{Root}:delivery:pollInterval", delivery.PollInterval);
        if (delivery.Concurrency is < 1 or > 64)
        {
            check.Fail($"{Root}:delivery:concurrency", $"{delivery.Concurrency} is not between 1 and 64");
        }

        if (delivery.Retries is < 0 or > 20)
        {
            check.Fail($"{Root}:delivery:retries", $"{delivery.Retries} is not between 0 and 20");
        }

        check.PositiveDuration($"{Root}:delivery:retryDelay", delivery.RetryDelay);
        check.PositiveDuration($"{Root}:delivery:backoffDelay", delivery.BackoffDelay);
        check.PositiveDuration($"{Root}:delivery:maxBackoff", delivery.MaxBackoff);
        if (double.IsNaN(delivery.BreakerFailureRatio) || delivery.BreakerFailureRatio is <= 0 or > 1)
        {
            check.Fail($"{Root}:delivery:breakerFailureRatio", $"{delivery.BreakerFailureRatio} is not a ratio above 0 and at most 1");
        }

        if (delivery.BreakerMinimumThroughput < 2)
        {
            check.Fail($"{Root}:delivery:breakerMinimumThroughput", "must be at least 2");
        }

        // Polly requires a sampling window of at least 500 ms and a break of at least 500 ms.
        MinimumDuration(check, $"{Root}:delivery:breakerSamplingDuration", delivery.BreakerSamplingDuration, TimeSpan.FromMilliseconds(500));
        MinimumDuration(check, $"{Root}:delivery:breakerBreakDuration", delivery.BreakerBreakDuration, TimeSpan.FromMilliseconds(500));
    }

    private static void ValidateCalendar(CalendarOptions calendar, ConfigChecks check)
    {
        const string path = $"{Root}:calendar";
        TimeZoneCheck(check, $"{path}:timeZone", calendar.TimeZone);
        for (var i = 0; i < calendar.WorkingDays.Count; i++)
        {
            if (!SupportCalendar.TryParseDay(calendar.WorkingDays[i], out _))
            {
                check.Fail($"{path}:workingDays:{i}", $"'{calendar.WorkingDays[i]}' is not a day (monday..sunday or mon..sun)");
            }
        }

        var startOk = TimeOnly.TryParseExact(calendar.Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start);
        var endOk = TimeOnly.TryParseExact(calendar.End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end);
        if (!startOk)
        {
            check.Fail($"{path}:start", $"'{calendar.Start}' is not a time HH:mm");
        }

        if (!endOk)
        {
            check.Fail($"{path}:end", $"'{calendar.End}' is not a time HH:mm");
        }

        if (startOk && endOk && end <= start)
        {
            check.Fail($"{path}:end", "must be after start");
        }

        for (var i = 0; i < calendar.Holidays.Count; i++)
        {
            if (!DateOnly.TryParseExact(calendar.Holidays[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                check.Fail($"{path}:holidays:{i}", $"'{calendar.Holidays[i]}' is not a date yyyy-MM-dd");
            }
        }
    }

    private static void TimeZoneCheck(ConfigChecks check, string path, string zone)
    {
        if (!SupportCalendar.TryFindZone(zone, out _))
        {
            check.Fail(path, $"'{zone}' is not a known time zone (IANA names such as Europe/Paris, or UTC)");
        }
    }

    private static void MinimumDuration(ConfigChecks check, string path, string value, TimeSpan minimum)
    {
        if (check.Duration(path, value) && Duration.Parse(value) < minimum)
        {
            check.Fail(path, $"must be at least {Duration.Format(minimum)}");
        }
    }
}
