using System.Globalization;
using Monitor.Cli;
using Monitor.Tests.Notifications;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Cli;

/// <summary><c>monitor notify-test</c> against a real SMTP server on loopback.</summary>
public sealed class NotifyTestCommandTests
{
    private static string Config(TempDirectory dir, int smtpPort) => dir.Write("monitor.yaml", string.Create(CultureInfo.InvariantCulture, $"""
        monitor:
          project: acme
          dataDirectory: "{dir.Path}/data"
          smtp:
            host: 127.0.0.1
            port: {smtpPort}
            security: none
            timeout: 2s
            from: monitor@acme.example
          contacts:
            emergency: [oncall@acme.example]
            technical: [dev@acme.example]
          cases:
            supportEmail: support@acme.example
        """));

    [Fact]
    public async Task NotifyTest_SmtpUp_SendsOneTestMessagePerContactGroupAndExitsZero()
    {
        using var dir = new TempDirectory();
        await using var smtp = LoopbackSmtpServer.Start();
        using var output = new StringWriter();

        var code = await MonitorCommandLine.InvokeAsync(["notify-test", "--config", Config(dir, smtp.Port)], output, TextWriter.Null);

        Assert.Equal(ExitCodes.Ok, code);
        var messages = await smtp.WaitForAsync(3, TimeSpan.FromSeconds(15));
        Assert.Equal(
            ["oncall@acme.example", "dev@acme.example", "support@acme.example"],
            messages.Select(m => m.To.Mailboxes.Single().Address));
        Assert.All(messages, m => Assert.StartsWith("[TEST] acme: test message to the ", m.Subject, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.Equal("1", m.Headers["X-Monitor-Test"]));
        Assert.Contains("every channel works", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyTest_ChannelsConfigured_SendsEachChannelsTestAndReportsTheRefusedOne()
    {
        using var dir = new TempDirectory();
        await using var smtp = LoopbackSmtpServer.Start();
        await using var pagerDuty = await Notifications.ChatChannels.LoopbackReceiver.StartAsync();
        await using var slack = await Notifications.ChatChannels.LoopbackReceiver.StartAsync();
        await using var teams = await Notifications.ChatChannels.LoopbackReceiver.StartAsync();
        slack.Otherwise = 200;
        teams.Otherwise = 404;
        var variable = "MONITOR_TEST_SLACK_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, slack.Url);
        var config = Config(dir, smtp.Port);
        var slackUrl = "${env:" + variable + "}";
        File.AppendAllText(config, string.Create(CultureInfo.InvariantCulture, $"""

              channels:
                pagerduty:
                  routingKey: pd-routing-key-0123456789
                  url: {pagerDuty.Url}
                slack:
                  webhookUrl: "{slackUrl}"
                teams:
                  webhookUrl: {teams.Url}
            """));
        using var output = new StringWriter();

        var code = await MonitorCommandLine.InvokeAsync(["notify-test", "--config", config], output, TextWriter.Null);

        var text = output.ToString();
        Assert.Equal(ExitCodes.CheckFailed, code);
        Assert.Equal(["trigger", "resolve"], pagerDuty.Accepted.Select(e => (string)e["event_action"]!));
        Assert.All(pagerDuty.Accepted, e => Assert.Equal("pd-routing-key-0123456789", (string)e["routing_key"]!));
        Assert.Equal("info", (string)pagerDuty.Accepted.First()["payload"]!["severity"]!);
        Assert.Single(slack.Accepted);
        Assert.Contains("OK      pagerduty ", text, StringComparison.Ordinal);
        Assert.Contains("OK      slack webhook", text, StringComparison.Ordinal);
        Assert.Contains("FAILED  teams webhook: PermanentDeliveryException: Teams refused the message: HTTP 404", text, StringComparison.Ordinal);
        Assert.DoesNotContain(teams.Url, text, StringComparison.Ordinal);
        Assert.DoesNotContain(slack.Url, text, StringComparison.Ordinal);
        Assert.Contains("1 channel failed", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyTest_SmtpDown_ReportsEachFailureAndExitsOne()
    {
        using var dir = new TempDirectory();
        using var output = new StringWriter();

        var code = await MonitorCommandLine.InvokeAsync(["notify-test", "--config", Config(dir, FreePort.Next())], output, TextWriter.Null);

        Assert.Equal(ExitCodes.CheckFailed, code);
        Assert.Equal(3, output.ToString().Split('\n').Count(l => l.StartsWith("FAILED  email to ", StringComparison.Ordinal)));
        Assert.Contains("3 channels failed", output.ToString(), StringComparison.Ordinal);
    }
}
