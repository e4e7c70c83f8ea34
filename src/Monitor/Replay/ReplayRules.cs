using Microsoft.Extensions.Configuration;
using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Rules.Definitions;

namespace Monitor.Replay;

/// <summary>The rules a replay runs, with the evaluation settings and custom actions that go with them.</summary>
/// <param name="Rules">The rules.</param>
/// <param name="Interval">The evaluation interval.</param>
/// <param name="Resolution">The windows' resolution.</param>
/// <param name="CustomActions">Actions ingest accepts beside the built-in ones.</param>
/// <param name="Options">The configuration the incident layer is set up from (defaults for a bare rule file).</param>
internal sealed record ReplayRules(IReadOnlyList<AlertRule> Rules, TimeSpan Interval, TimeSpan Resolution, IReadOnlyList<string> CustomActions, MonitorOptions Options)
{
    /// <summary>
    /// Whether a YAML file is a bare rule file (a top-level <c>rules:</c> list, as in <c>config/traffic/rules.yaml</c>)
    /// rather than a daemon configuration.
    /// </summary>
    public static bool IsRuleFile(string path)
    {
        try
        {
            var root = new ConfigurationBuilder().AddYamlFile(Path.GetFullPath(path), optional: false, reloadOnChange: false).Build();
            return root.GetSection("rules").Exists() && !root.GetSection(MonitorOptions.SectionName).Exists();
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidDataException or YamlDotNet.Core.YamlException)
        {
            return false;
        }
    }

    /// <summary>Reads a bare rule file, evaluated at the daemon's default interval and resolution.</summary>
    public static ReplayRules FromRuleFile(string path, ICollection<string> errors)
    {
        var root = new ConfigurationBuilder().AddYamlFile(Path.GetFullPath(path), optional: false, reloadOnChange: false).Build();
        var options = root.GetSection("rules").Get<List<RuleOptions>>() ?? [];
        var defaults = new EvaluationOptions();
        return new ReplayRules(RuleFactory.Create(options, errors, "rules"),
            Duration.Parse(defaults.Interval), Duration.Parse(defaults.Resolution), [], new MonitorOptions());
    }

    /// <summary>The rules of a loaded (and so already validated) daemon configuration.</summary>
    public static ReplayRules FromConfig(LoadedConfig config)
    {
        var options = config.Options;
        return new ReplayRules(RuleFactory.Create(options.Rules, new List<string>(), $"{MonitorOptions.SectionName}:rules"),
            Duration.Parse(options.Evaluation.Interval), Duration.Parse(options.Evaluation.Resolution), options.Ingest.CustomActions, options);
    }
}
