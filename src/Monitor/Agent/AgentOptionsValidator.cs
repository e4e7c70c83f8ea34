using Monitor.Configuration;
using Monitor.Ingest.Agents;

namespace Monitor.Agent;

/// <summary>Checks <c>monitor:agent</c> for <c>monitor agent</c>, every problem with its path.</summary>
internal static class AgentOptionsValidator
{
    public const string Path = MonitorOptions.SectionName + ":agent";

    /// <param name="options">The bound options.</param>
    /// <param name="configDirectory">The config file's folder, which <c>caFile</c> is relative to.</param>
    public static List<ConfigError> Validate(MonitorOptions options, string configDirectory = ".")
    {
        var errors = new List<ConfigError>();
        var check = new ConfigChecks(errors);
        var agent = options.Agent;
        if (!LocationName.IsValid(agent.Location))
        {
            check.Fail($"{Path}:location", $"'{agent.Location}' is not a location name ({LocationName.Rule})");
        }

        if (agent.Token.Length == 0)
        {
            check.Fail($"{Path}:token", "required: the bearer token listed for this location on the central (write ${env:NAME})");
        }
        else if (SecretValue.Resolve(agent.Token).Length == 0)
        {
            check.Fail($"{Path}:token", "resolves to an empty value (is the environment variable or file set?)");
        }

        if (agent.Central.Count == 0)
        {
            check.Fail($"{Path}:central", "at least one central URL is required");
        }

        for (var i = 0; i < agent.Central.Count; i++)
        {
            check.HttpUrl($"{Path}:central:{i}", agent.Central[i]);
            check.NoCredentialsInUrl($"{Path}:central:{i}", agent.Central[i], "the token");
        }

        if (!string.IsNullOrEmpty(agent.CaFile))
        {
            Probes.Http.HttpTargetValidation.CaFile($"{Path}:caFile", System.IO.Path.Combine(configDirectory, agent.CaFile), check);
        }

        check.HttpUrl($"{Path}:listen", agent.Listen);
        if (agent.Spool.MaxResults is < 1 or > 10_000_000)
        {
            check.Fail($"{Path}:spool:maxResults", $"{agent.Spool.MaxResults} is not between 1 and 10000000");
        }

        if (agent.BatchSize is < 1 or > AgentsOptions.MaxBatch)
        {
            check.Fail($"{Path}:batchSize", $"{agent.BatchSize} is not between 1 and {AgentsOptions.MaxBatch}");
        }

        check.PositiveDuration($"{Path}:retryInterval", agent.RetryInterval);
        check.PositiveDuration($"{Path}:timeout", agent.Timeout);
        for (var i = 0; i < options.Targets.Http.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(options.Targets.Http[i].Cron))
            {
                check.Fail($"{MonitorOptions.SectionName}:targets:http:{i}:cron", "the agent runs targets at an interval; set interval instead of cron");
            }
        }

        for (var i = 0; i < options.Targets.Feeds.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(options.Targets.Feeds[i].Cron))
            {
                check.Fail($"{MonitorOptions.SectionName}:targets:feeds:{i}:cron", "the agent runs targets at an interval; set interval instead of cron");
            }
        }

        if (options.Targets.Http.Count + options.Targets.Feeds.Count == 0)
        {
            check.Fail($"{MonitorOptions.SectionName}:targets", "an agent needs at least one target to probe");
        }

        return errors;
    }
}
