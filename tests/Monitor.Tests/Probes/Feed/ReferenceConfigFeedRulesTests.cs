using Monitor.Alerting;
using Monitor.Configuration;

namespace Monitor.Tests.Probes.Feed;

public sealed class ReferenceConfigFeedRulesTests
{
    [Fact]
    public void Load_ReferenceConfig_ShipsTheFeedPresetsOnItsFeedTarget()
    {
        // The reference config reads the sandbox token from the environment, as a real one would.
        Environment.SetEnvironmentVariable("MONITOR_SANDBOX_TOKEN", "sandbox-token-for-tests");
        var config = ConfigLoader.Load(Path.Combine(Configuration.ConfigLoaderTests.RepositoryRoot(), "config", "monitor.yaml"));
        var errors = new List<string>();

        var rules = RuleFactory.Create(config.Options.Rules, errors);

        Assert.Empty(errors);
        var feed = Assert.Single(config.Options.Targets.Feeds).Name;
        var bySignal = rules.ToDictionary(r => r.Name, r => r.Signal);
        Assert.Equal("feed:*", bySignal["feed-entity-errors"]);
        Assert.Equal("feed-age", bySignal["entity-age"]);
        Assert.Equal(feed, bySignal["feed-unreadable"]);
        Assert.Contains("feed-stale", bySignal.Keys);
        Assert.Contains("feed-count-drop", bySignal.Keys);
    }
}
