using MimeKit;

namespace Monitor.Configuration;

/// <summary>Small reusable checks that add a <see cref="ConfigError"/> when a value is wrong.</summary>
internal sealed class ConfigChecks(List<ConfigError> errors)
{
    public void Fail(string path, string message) => errors.Add(new ConfigError(path, message));

    public void NotEmpty(string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(path, "must not be empty");
        }
    }

    public void HttpUrl(string path, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            Fail(path, $"'{value}' is not an absolute http or https URL");
        }
    }

    /// <summary>User info in a URL ends up in logs and messages; <paramref name="instead"/> says where credentials go.</summary>
    public void NoCredentialsInUrl(string path, string? value, string instead)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var url) && url.UserInfo.Length > 0)
        {
            Fail(path, $"credentials in the URL would be logged; use {instead}");
        }
    }

    public void Email(string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !MailboxAddress.TryParse(value, out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
        {
            Fail(path, $"'{value}' is not an e-mail address");
        }
    }

    public void OneOf(string path, string? value, string[] allowed)
    {
        if (value is null || !allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            Fail(path, $"'{value}' is not one of: {string.Join(", ", allowed)}");
        }
    }

    public bool Duration(string path, string? value, bool allowZero = true)
    {
        if (!Configuration.Duration.TryParse(value, out var span))
        {
            Fail(path, $"'{value}' is not a duration (examples: 500ms, 30s, 5m, 1h30m, 3d)");
            return false;
        }

        if (!allowZero && span <= TimeSpan.Zero)
        {
            Fail(path, $"'{value}' must be longer than zero");
            return false;
        }

        return true;
    }

    public bool PositiveDuration(string path, string? value) => Duration(path, value, allowZero: false);

    public void Schedule(string path, string interval, string? cron)
    {
        if (!string.IsNullOrWhiteSpace(cron))
        {
            if (!Quartz.CronExpression.TryParse(cron, out _))
            {
                Fail($"{path}:cron", $"'{cron}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. '0 */5 * * * ?')");
            }

            return;
        }

        PositiveDuration($"{path}:interval", interval);
    }

    public void Unique(string path, string? name, Dictionary<string, string> seen, string what)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            Fail(path, "must not be empty");
            return;
        }

        if (seen.TryGetValue(name, out var first))
        {
            Fail(path, $"duplicate {what} name '{name}' (first at {first})");
            return;
        }

        seen[name] = path;
    }
}
