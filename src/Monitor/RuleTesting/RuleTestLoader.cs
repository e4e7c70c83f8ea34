using Microsoft.Extensions.Configuration;
using Monitor.Alerting;
using Monitor.Rules.Definitions;

namespace Monitor.RuleTesting;

/// <summary>Reads a test file and the rule files it names, through the same YAML binding as the daemon's configuration.</summary>
internal static class RuleTestLoader
{
    public static RuleTestFile LoadTestFile(string path) =>
        Read(path).Get<RuleTestFile>() ?? new RuleTestFile();

    /// <summary>The rules of a test file: those of its rule files, then its own. Problems go to <paramref name="errors"/>.</summary>
    public static IReadOnlyList<AlertRule> LoadRules(string testFile, RuleTestFile file, ICollection<string> errors)
    {
        var options = new List<(RuleOptions Options, string Path)>();
        var folder = Path.GetDirectoryName(Path.GetFullPath(testFile)) ?? ".";
        foreach (var ruleFile in file.RuleFiles)
        {
            var full = Path.Combine(folder, ruleFile);
            if (!File.Exists(full))
            {
                errors.Add($"ruleFiles: '{ruleFile}' does not exist");
                continue;
            }

            var root = Read(full);
            var section = root.GetSection("rules").Exists() ? "rules" : "monitor:rules";
            var rules = root.GetSection(section).Get<List<RuleOptions>>() ?? [];
            options.AddRange(rules.Select((r, i) => (r, $"{ruleFile}:{section}:{i}")));
        }

        options.AddRange(file.Rules.Select((r, i) => (r, $"rules:{i}")));
        var result = new List<AlertRule>();
        foreach (var (rule, at) in options)
        {
            if (RuleFactory.Create(rule, at, errors) is not { } created)
            {
                continue;
            }

            if (result.Exists(r => r.Name == created.Name))
            {
                errors.Add($"{at}:name: '{created.Name}' is used by an earlier rule");
                continue;
            }

            result.Add(created);
        }

        return result;
    }

    private static IConfigurationRoot Read(string path) =>
        new ConfigurationBuilder().AddYamlFile(Path.GetFullPath(path), optional: false, reloadOnChange: false).Build();
}
