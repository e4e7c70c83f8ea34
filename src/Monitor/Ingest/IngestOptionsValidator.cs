using Monitor.Configuration;
using Monitor.Ingest.Parsing;

namespace Monitor.Ingest;

/// <summary>Checks <c>monitor:ingest</c> and adds the signals ingest produces to those rules may read.</summary>
internal static class IngestOptionsValidator
{
    public static void Validate(IngestOptions options, string path, ConfigChecks check, ISet<string> signals)
    {
        if (options.MaxBodyBytes is < 1024 or > 1024L * 1024 * 1024)
        {
            check.Fail($"{path}:maxBodyBytes", $"{options.MaxBodyBytes} is outside 1024..1073741824 bytes");
        }

        if (options.QueueCapacity is < 1000 or > 100_000_000)
        {
            check.Fail($"{path}:queueCapacity", $"{options.QueueCapacity} is outside 1000..100000000 observations");
        }

        check.PositiveDuration($"{path}:retryAfter", options.RetryAfter);
        check.PositiveDuration($"{path}:tail:pollInterval", options.Tail.PollInterval);
        if (options.Token.StartsWith("${", StringComparison.Ordinal) && SecretValue.Resolve(options.Token).Length == 0)
        {
            // Said without the value: the reference names a variable or file, never the secret itself.
            check.Fail($"{path}:token", "points at an empty or missing environment variable or file");
        }

        var seen = new HashSet<string>(KnownActions.Builtin, StringComparer.Ordinal);
        for (var i = 0; i < options.CustomActions.Count; i++)
        {
            var name = options.CustomActions[i];
            if (!KnownActions.IsValidName(name))
            {
                check.Fail($"{path}:customActions:{i}", $"'{name}' is not an action name (letters, digits, '_', '-', '.'; at most {KnownActions.MaxNameLength} characters)");
            }
            else if (!seen.Add(name))
            {
                check.Fail($"{path}:customActions:{i}", $"duplicate action '{name}'");
            }
        }

        for (var i = 0; i < options.Tail.Files.Count; i++)
        {
            var file = options.Tail.Files[i];
            if (string.IsNullOrWhiteSpace(file))
            {
                check.Fail($"{path}:tail:files:{i}", "must not be empty");
            }
            else if (Tail.TailGlob.HasWildcard(Path.GetDirectoryName(file) ?? ""))
            {
                check.Fail($"{path}:tail:files:{i}", $"'{file}': wildcards are allowed in the file name only, not in folders");
            }
        }

        foreach (var action in seen)
        {
            signals.Add(action);
            signals.Add(KnownActions.SandboxPrefix + action);
        }
    }
}
