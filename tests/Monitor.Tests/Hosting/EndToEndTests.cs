using System.Globalization;
using Monitor.Configuration;
using Monitor.Demo;
using Monitor.Hosting;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Hosting;

/// <summary>
/// The whole thin slice on loopback with real parts: Kestrel, Quartz, the simulated partner and an
/// SMTP server. The partner fails on demand; the firing and then the resolved e-mail must arrive.
/// </summary>
public sealed class EndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_PartnerCheckoutFailsThenRecovers_SendsFiringThenResolvedEmail()
    {
        using var dir = new TempDirectory();
        await using var smtp = new SmtpTestServer();
        await using var partner = await SimulatedPartner.StartAsync(TimeProvider.System, TimeSpan.MaxValue / 4, TimeSpan.Zero);
        partner.ForceFailure = true;
        var webPort = FreePort.Next();
        var path = dir.Write("monitor.yaml", string.Create(CultureInfo.InvariantCulture, $"""
            monitor:
              project: acme
              dataDirectory: "{dir.Path}/data"
              web: {"{"} listen: "http://127.0.0.1:{webPort}" {"}"}
              smtp: {"{"} host: 127.0.0.1, port: {smtp.Port}, security: none, from: monitor@acme.example {"}"}
              contacts: {"{"} emergency: [oncall@acme.example], technical: [dev@acme.example] {"}"}
              evaluation: {"{"} interval: 500ms {"}"}
              targets:
                http:
                  - {"{"} name: checkout, url: "{partner.BaseUrl}fulfillment", method: POST, body: '{"{"}"inputs":[]{"}"}', interval: 1s, timeout: 2s {"}"}
              rules:
                - {"{"} name: checkout-errors, signal: checkout, window: 5s, threshold: 0.5, minSamples: 2, minErrors: 2, severity: critical, category: orders-blocked {"}"}
            """));
        var config = ConfigLoader.Load(path);

        await using var app = MonitorHost.Build(config);
        await app.StartAsync();
        try
        {
            var firing = await smtp.WaitForAsync(m => m.Subject != null && m.Subject.Contains("FIRING", StringComparison.Ordinal), Patience);
            Assert.Equal("[URGENT FIRING] [critical] [orders-blocked] acme: checkout-errors on checkout", firing.Subject);
            Assert.Equal(["oncall@acme.example", "dev@acme.example"], firing.To.Mailboxes.Select(m => m.Address));
            Assert.Contains("Measured value: 1 (threshold 0.5)", firing.TextBody, StringComparison.Ordinal);
            Assert.Matches("Error ratio: 100.0 %, [0-9]+ failures of [0-9]+ samples over 5s", firing.TextBody);

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
            Assert.Equal("ok\n", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
            var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Contains("monitor_probe_success{target=\"checkout\",kind=\"http\"} 0", metrics, StringComparison.Ordinal);
            Assert.Contains("monitor_alert_state{rule=\"checkout-errors\",severity=\"critical\",category=\"orders-blocked\"} 2", metrics, StringComparison.Ordinal);

            partner.ForceFailure = false;
            var resolved = await smtp.WaitForAsync(m => m.Subject != null && m.Subject.Contains("RESOLVED", StringComparison.Ordinal), Patience);
            Assert.Equal("[RESOLVED] [critical] [orders-blocked] acme: checkout-errors on checkout", resolved.Subject);
            Assert.Equal(firing.MessageId, resolved.InReplyTo);
            Assert.Equal(2, smtp.Messages.Count);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
