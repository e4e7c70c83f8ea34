using Monitor.Configuration;

namespace Monitor.Tests.Ingest;

public sealed class IngestOptionsValidatorTests
{
    [Fact]
    public void Load_BadIngestValues_EachReportedWithItsPath()
    {
        using var folder = new TempFolder();
        var path = folder.Write("monitor.yaml", """
            monitor:
              ingest:
                token: "${env:MONITOR_TEST_UNSET_TOKEN_VARIABLE}"
                maxBodyBytes: 10
                queueCapacity: 5
                retryAfter: soon
                customActions: [checkout, "bad name"]
                tail:
                  files: ["/var/*/x.ndjson"]
                  pollInterval: 0s
            """);

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(path));

        Assert.Equal(
            ["monitor:ingest:customActions:0", "monitor:ingest:customActions:1", "monitor:ingest:maxBodyBytes", "monitor:ingest:queueCapacity",
             "monitor:ingest:retryAfter", "monitor:ingest:tail:files:0", "monitor:ingest:tail:pollInterval", "monitor:ingest:token"],
            error.Errors.Select(e => e.Path).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(error.Errors, e => e.Path == "monitor:ingest:token" && e.Message.Contains("MONITOR_TEST_UNSET_TOKEN_VARIABLE", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Errors, e => e.Message.Contains("MONITOR_TEST_UNSET", StringComparison.Ordinal) && e.Path != "monitor:ingest:token");
    }

    [Fact]
    public void Load_RulesOnSandboxAndCustomActions_Valid()
    {
        using var folder = new TempFolder();
        var path = folder.Write("monitor.yaml", """
            monitor:
              contacts: { technical: [dev@example.com] }
              ingest: { customActions: [menu_sync] }
              rules:
                - { name: a, signal: "sandbox:checkout" }
                - { name: b, signal: menu_sync }
                - { name: c, signal: "sandbox:menu_sync" }
            """);

        Assert.Equal(3, ConfigLoader.Load(path).Options.Rules.Count);
    }

    [Fact]
    public void Load_ShippedTrafficPresets_Valid()
    {
        using var folder = new TempFolder();
        var path = folder.Write("monitor.yaml", "monitor:\n  contacts: { technical: [dev@example.com] }\n");

        var config = ConfigLoader.Load(path, TrafficPresets.AsOverrides());

        Assert.Contains(config.Options.Rules, r => r.Name == "checkout-errors" && r.Category == "orders-blocked");
    }
}
