using Monitor.Configuration;
using Monitor.Incidents;
using Monitor.Rules.Incidents;

namespace Monitor.Tests.Notifications.ChatChannels;

public sealed class ChannelsOptionsTests
{
    private static List<ConfigError> Validate(Action<MonitorOptions> configure)
    {
        var options = new MonitorOptions { Contacts = new ContactOptions { Technical = ["dev@acme.example"] } };
        configure(options);
        return MonitorOptionsValidator.Validate(options, ".");
    }

    [Fact]
    public void Validate_RouteNamesAChannelThatIsNotConfigured_ErrorAtTheNotifyPath()
    {
        var errors = Validate(o => o.Incidents.Routes = [new RouteOptions { Notify = ["technical", "slack", "pager"] }]);

        Assert.Contains(errors, e => e.ToString().Contains("monitor:incidents:routes:0:notify:1", StringComparison.Ordinal)
            && e.ToString().Contains("slack is not configured", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.ToString().Contains("monitor:incidents:routes:0:notify:2", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ChannelSecretsFromUnsetVariableAndBadUrl_ErrorsNameTheVariableAndHideTheUrl()
    {
        var errors = Validate(o =>
        {
            o.Channels.PagerDuty.RoutingKey = "${env:MONITOR_TEST_UNSET_PD_KEY}";
            o.Channels.PagerDuty.Url = "not a url";
            o.Channels.Slack.WebhookUrl = "ftp://hooks.example/secret-part";
            o.Channels.Teams.WebhookUrl = "https://teams.example/workflow";
        }).Select(e => e.ToString()).ToList();

        Assert.Contains(errors, e => e.Contains("monitor:channels:pagerduty:routingKey", StringComparison.Ordinal) && e.Contains("MONITOR_TEST_UNSET_PD_KEY is not set", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("monitor:channels:pagerduty:url", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("monitor:channels:slack:webhookUrl", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("secret-part", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("teams", StringComparison.Ordinal));
    }

    [Fact]
    public void Channels_DefaultAndConfiguredRoutes_PagerDutyForEmergencyChatForAnyoneNamedOnlyWhenConfigured()
    {
        var options = new MonitorOptions();
        options.Channels.PagerDuty.RoutingKey = "pd-routing-key-123456";
        options.Channels.Slack.WebhookUrl = "https://hooks.slack.example/services/T000";
        var router = new IncidentRouter(options.Contacts, options.Incidents, options.Channels);

        Assert.Equal(["pagerduty", "slack"], router.Channels(new Route(Emergency: true, Technical: true, Digest: false, CaseKind.Urgent)));
        Assert.Equal(["slack"], router.Channels(new Route(false, true, false, CaseKind.None)));
        Assert.Empty(router.Channels(new Route(false, false, true, CaseKind.None)));
        Assert.Empty(router.Channels(new Route(true, true, false, CaseKind.Urgent, [])));
        Assert.Equal(["pagerduty"], router.Channels(new Route(false, false, false, CaseKind.None, ["pagerduty", "teams"])));
    }

    [Fact]
    public void Redact_ChannelSecrets_AreMasked()
    {
        var options = new MonitorOptions();
        options.Channels.PagerDuty.RoutingKey = "pd-routing-key-123456";
        options.Channels.Slack.WebhookUrl = "https://hooks.slack.example/services/T000/B000/XXXX";
        options.Channels.Teams.WebhookUrl = "https://teams.example/workflows/abc?sig=zzzz";
        var redactor = new SecretRedactor(ConfiguredSecrets.Of(options));

        var text = redactor.Redact("key pd-routing-key-123456 posted to https://hooks.slack.example/services/T000/B000/XXXX and https://teams.example/workflows/abc?sig=zzzz");

        Assert.Equal($"key {SecretRedactor.Mask} posted to {SecretRedactor.Mask} and {SecretRedactor.Mask}", text);
    }
}
