using Monitor.Agent;
using Monitor.Cli;
using Monitor.Configuration;
using Monitor.Tests.Ingest;

namespace Monitor.Tests.Agent;

public sealed class AgentConfigTests : IDisposable
{
    private const string Targets = """
          targets:
            http:
              - name: fulfillment
                url: "http://127.0.0.1:9/health"
        """;

    private readonly TempFolder _folder = new();

    [Fact]
    public void Validate_AgentSectionMissing_ListsEachRequiredSettingWithItsPath()
    {
        var config = ConfigLoader.Load(_folder.Write("agent.yaml", "monitor:\n" + Targets));

        var paths = AgentOptionsValidator.Validate(config.Options).Select(e => e.Path).ToList();

        Assert.Equal(["monitor:agent:location", "monitor:agent:token", "monitor:agent:central"], paths);
    }

    [Fact]
    public void Load_TokenFromUnsetEnvironmentVariable_RefusedNamingTheVariable()
    {
        var yaml = "monitor:\n" + Targets + """

              agent:
                location: eu-west
                token: "${env:MONITOR_TEST_UNSET_AGENT_TOKEN}"
                central: ["https://central.example:9464"]
            """;
        var refused = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(_folder.Write("agent.yaml", yaml)));

        Assert.Contains("monitor:agent:token: refers to the environment variable MONITOR_TEST_UNSET_AGENT_TOKEN, which is not set", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TwoAgentsWithOneToken_FailsWithoutShowingIt()
    {
        var yaml = "monitor:\n" + Targets + """

              agents:
                locations:
                  - name: a
                    token: "same-token-0123456789"
                  - name: a
                    token: "same-token-0123456789"
            """;

        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(_folder.Write("central.yaml", yaml)));

        var text = string.Join("\n", e.Errors);
        Assert.Contains("monitor:agents:locations:1:name: location 'a' is already used", text, StringComparison.Ordinal);
        Assert.Contains("monitor:agents:locations:1:token: the same token as another location", text, StringComparison.Ordinal);
        Assert.DoesNotContain("same-token", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_QuorumOnSomethingElseThanATarget_Fails()
    {
        var yaml = "monitor:\n" + Targets + """

              contacts:
                technical: [tech@example.com]
              rules:
                - name: checkout-errors
                  signal: checkout
                  minLocations: 5
                  locationShare: 1.5
            """;

        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(_folder.Write("central.yaml", yaml)));

        var paths = e.Errors.Select(x => x.Path).ToList();
        Assert.Contains("monitor:rules:0:signal", paths);
        Assert.Contains("monitor:rules:0:minLocations", paths);
        Assert.Contains("monitor:rules:0:locationShare", paths);
    }

    [Fact]
    public async Task CheckConfig_UrgentIntegrationDownWithoutQuorumAndAgents_Warns()
    {
        var path = _folder.Write("central.yaml", CentralWithRule(""));
        var output = new StringWriter();

        var code = await MonitorCommandLine.InvokeAsync(["check-config", "--config", path], output, new StringWriter());

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("warning: monitor:rules:0: urgent integration-down rule 'fulfillment-down' has no quorum while 2 locations are configured",
            output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_SameRuleWithQuorum_DoesNotWarn()
    {
        var path = _folder.Write("central.yaml", CentralWithRule("      locationShare: 0.5\n"));
        var output = new StringWriter();

        await MonitorCommandLine.InvokeAsync(["check-config", "--config", path], output, new StringWriter());

        Assert.DoesNotContain("warning", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_BadAgentSection_ExitsTwoListingProblems()
    {
        var path = _folder.Write("agent.yaml", "monitor:\n" + Targets);
        var error = new StringWriter();

        var code = await MonitorCommandLine.InvokeAsync(["agent", "--config", path], new StringWriter(), error);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("monitor:agent:central: at least one central URL is required", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RuleOnOneLocationsSeries_IsAccepted()
    {
        var yaml = CentralWithRule("") + """
                - name: eu-west-slow
                  signal: fulfillment@eu-west
                  kind: latency
                  limit: 2s
            """;

        var config = ConfigLoader.Load(_folder.Write("central.yaml", yaml));

        Assert.Equal("fulfillment@eu-west", config.Options.Rules[1].Signal);
    }

    [Fact]
    public void Validate_ShippedAgentConfig_HasNoProblemOnceTheTokenIsSet()
    {
        var config = ConfigLoader.Load(Path.Combine(AppContext.BaseDirectory, "config", "agent.yaml"),
            [new("monitor:agent:token", "shipped-agent-token-0123456789"), new("monitor:targets:http:0:headers:Authorization", "Bearer sandbox-token-for-tests")]);

        Assert.Empty(AgentOptionsValidator.Validate(config.Options));
        Assert.Equal(("eu-west", 2), (config.Options.Agent.Location, config.Options.Agent.Central.Count));
    }

    public void Dispose() => _folder.Dispose();

    private static string CentralWithRule(string quorum) => "monitor:\n" + Targets + """

          contacts:
            emergency: [oncall@example.com]
          agents:
            locations:
              - name: eu-west
                token: "eu-west-token-0123456789"
          rules:
            - name: fulfillment-down
              signal: fulfillment
              severity: critical
              category: integration-down

        """ + quorum;
}
