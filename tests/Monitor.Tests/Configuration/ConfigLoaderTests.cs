using Monitor.Cli;
using Monitor.Configuration;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Configuration;

public sealed class ConfigLoaderTests : IDisposable
{
    private const string Valid = """
        monitor:
          project: acme
          contacts:
            emergency: [oncall@acme.example]
            technical: [dev@acme.example]
          targets:
            http:
              - name: checkout
                url: "http://127.0.0.1:8080/fulfillment"
                interval: 30s
                timeout: 5s
          rules:
            - name: checkout-errors
              signal: checkout
              window: 5m
              threshold: 0.5
              severity: critical
              category: orders-blocked
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteConfig(string yaml) => _dir.Write("monitor.yaml", yaml);

    [Fact]
    public void Load_ValidFile_BindsEveryValue()
    {
        var config = ConfigLoader.Load(WriteConfig(Valid));

        Assert.Equal("acme", config.Options.Project);
        var target = Assert.Single(config.Options.Targets.Http);
        Assert.Equal("http://127.0.0.1:8080/fulfillment", target.Url);
        Assert.Equal("orders-blocked", Assert.Single(config.Options.Rules).Category);
    }

    public static TheoryData<string, string, string, string> BadConfigs => new()
    {
        // name, text to replace, replacement, expected "path: reason" fragment
        { "unknown signal", "signal: checkout", "signal: chekout", "monitor:rules:0:signal: unknown signal 'chekout'" },
        { "negative window", "window: 5m", "window: -5m", "monitor:rules:0:window: '-5m' is not a duration" },
        { "bad URL", "url: \"http://127.0.0.1:8080/fulfillment\"", "url: \"orders.acme\"", "monitor:targets:http:0:url: 'orders.acme' is not an absolute http or https URL" },
        { "bad e-mail", "technical: [dev@acme.example]", "technical: [dev-at-acme]", "monitor:contacts:technical:0: 'dev-at-acme' is not an e-mail address" },
        { "threshold above 1", "threshold: 0.5", "threshold: 1.5", "monitor:rules:0:threshold: 1.5 must be at least 0 and at most 1" },
        { "missing target name", "- name: checkout\n", "- url2: x\n", "monitor:targets:http:0:name: must not be empty" },
        { "unparsable duration", "interval: 30s", "interval: soon", "monitor:targets:http:0:interval: 'soon' is not a duration" },
        { "unknown severity", "severity: critical", "severity: urgent", "monitor:rules:0:severity: 'urgent' is not one of info, minor, major, critical" },
        { "unknown category", "category: orders-blocked", "category: outage", "monitor:rules:0:category: 'outage' is not one of" },
        { "unknown key", "timeout: 5s", "timeout: 5s\n        intervall: 10s", "monitor:targets:http:0:intervall: unknown key 'intervall'" },
        { "zero timeout", "timeout: 5s", "timeout: 0s", "monitor:targets:http:0:timeout: '0s' is not between 10ms and 1h" },
        { "bad cron", "interval: 30s", "cron: \"every minute\"", "monitor:targets:http:0:cron: 'every minute' is not a Quartz cron expression" },
        { "unknown rule kind", "window: 5m", "window: 5m\n      kind: magic", "monitor:rules:0:kind: 'magic' is not one of" },
        { "non-numeric threshold", "threshold: 0.5", "threshold: half", "monitor:rules:0:threshold: 'half' is not a number" },
        { "not a boolean", "  rules:", "  reloadOnChange: maybe\n  rules:", "monitor:reloadOnChange: 'maybe' is not true or false" },
        { "a map for a list", "technical: [dev@acme.example]", "technical: { first: dev@acme.example }", "monitor:contacts:technical:first: expected a list here" },
        { "a list for a value", "timeout: 5s", "timeout: [5s, 6s]", "monitor:targets:http:0:timeout: expected a single value, found a list or a map" },
        { "gauge rule without a limit", "window: 5m", "window: 5m\n      kind: gauge", "monitor:rules:0:below: a gauge rule needs exactly one of below and above" },
        { "feed stale limit", "  rules:", "    feeds:\n      - name: inventory\n        source: /srv/feeds\n        staleAfter: never\n  rules:", "monitor:targets:feeds:0:staleAfter: 'never' is not a duration" },
        { "feed URL with credentials", "  rules:", "    feeds:\n      - name: inventory\n        source: \"https://u:p@feeds.example/sitemap.xml\"\n  rules:", "monitor:targets:feeds:0:source: credentials in the URL" },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public async Task Load_BadValue_NamesPathAndReasonAndCheckConfigFails(string name, string find, string replace, string expected)
    {
        var yaml = Valid.Replace(find.Replace("\n", Environment.NewLine, StringComparison.Ordinal), replace, StringComparison.Ordinal);
        Assert.NotEqual(Valid, yaml);
        var path = WriteConfig(yaml);

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(path));
        Assert.Contains(error.Errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));

        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await MonitorCommandLine.InvokeAsync(["check-config", "--config", path], output, errors);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(expected, errors.ToString(), StringComparison.Ordinal);
        _ = name;
    }

    [Fact]
    public void Load_DuplicateTargetNames_ReportsSecondWithFirstPath()
    {
        var yaml = Valid.Replace(
            "  rules:",
            "      - name: checkout\n        url: \"http://127.0.0.1:8081/\"\n  rules:",
            StringComparison.Ordinal);
        Assert.NotEqual(Valid, yaml);

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(WriteConfig(yaml)));

        Assert.Contains(error.Errors, e => e.ToString() == "monitor:targets:http:1:name: duplicate target name 'checkout' (first at monitor:targets:http:0:name)");
    }

    [Fact]
    public void Load_BadIndentation_ReportsLine()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(WriteConfig("monitor:\n  project: a\n   web: b\n")));

        var problem = Assert.Single(error.Errors);
        Assert.Contains("is not valid YAML: line 3,", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnclosedBracket_ReportsInsteadOfCrashing()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(WriteConfig("monitor:\n  project: [unclosed\n  web: {")));

        Assert.Contains("is not valid YAML", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralProblems_ListsThemAllAtOnce()
    {
        var yaml = Valid
            .Replace("threshold: 0.5", "threshold: 2", StringComparison.Ordinal)
            .Replace("interval: 30s", "interval: soon", StringComparison.Ordinal)
            .Replace("severity: critical", "severity: loud", StringComparison.Ordinal);

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(WriteConfig(yaml)));

        Assert.Equal(3, error.Errors.Count);
    }

    [Fact]
    public void Load_MissingFile_SaysWhichFile()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Path.Combine(_dir.Path, "nope.yaml")));

        Assert.Contains("nope.yaml' does not exist", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Override_WinsOverFile()
    {
        var config = ConfigLoader.Load(WriteConfig(Valid), [new("monitor:smtp:password", "from-environment")]);

        Assert.Equal("from-environment", config.Options.Smtp.Password);
    }

    [Fact]
    public void Load_ShippedConfigs_AreValid()
    {
        var root = RepositoryRoot();
        // The reference config reads the sandbox token from the environment, as a real one would.
        Environment.SetEnvironmentVariable("MONITOR_SANDBOX_TOKEN", "sandbox-token-for-tests");
        foreach (var file in new[] { "config/monitor.yaml", "config/demo.yaml" })
        {
            var config = ConfigLoader.Load(Path.Combine(root, file));
            Assert.NotEmpty(config.Options.Targets.Http);
        }
    }

    [Fact]
    public void Load_SecretFromUnsetVariable_ProblemNamesTheVariable()
    {
        var yaml = Valid.Replace("  targets:", """
              api:
                token: "${env:MONITOR_TEST_UNSET_API_TOKEN}"
              targets:
            """, StringComparison.Ordinal);

        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(WriteConfig(yaml)));

        Assert.Contains(e.Errors, p => p.Path == "monitor:api:token"
            && p.Message == "refers to the environment variable MONITOR_TEST_UNSET_API_TOKEN, which is not set (or empty)");
    }

    [Fact]
    public void Load_FeedPasswordFromUnsetVariable_Reported()
    {
        var yaml = Valid.Replace("  rules:", """
                feeds:
                  - name: inventory
                    source: "https://feeds.acme.example/sitemap.xml"
                    username: google
                    password: "${env:MONITOR_TEST_UNSET_FEED_PASSWORD}"
              rules:
            """, StringComparison.Ordinal);

        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(WriteConfig(yaml)));

        Assert.Contains(e.Errors, p => p.Path == "monitor:targets:feeds:0:password" && p.Message.Contains("MONITOR_TEST_UNSET_FEED_PASSWORD", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DuplicateRuleNameWithAnotherProblem_ListsBoth()
    {
        var yaml = Valid + """

                - name: checkout-errors
                  signal: checkout
                  window: soon
            """;

        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(WriteConfig(yaml)));

        Assert.Contains(e.Errors, p => p.Path == "monitor:rules:1:name" && p.Message.Contains("used by an earlier rule", StringComparison.Ordinal));
        Assert.Contains(e.Errors, p => p.Path == "monitor:rules:1:window");
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Monitor.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
