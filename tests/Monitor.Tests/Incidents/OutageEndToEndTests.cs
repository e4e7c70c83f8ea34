using Monitor.Web.Api;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Demo;
using Monitor.Hosting;
using Monitor.Incidents;
using Monitor.Ingest;
using Monitor.Metrics;
using Monitor.Probes;
using Monitor.Tests.Ingest;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Incidents;

/// <summary>
/// The outage every partner fears, with the real daemon on loopback: the fulfillment endpoint answers HTTP 500 to
/// its probe and to Google's checkout and submit-order traffic. A probe rule (integration-down) and the shipped
/// traffic presets all fire; a real SMTP server must receive one incident's e-mails and one urgent case.
/// </summary>
public sealed class OutageEndToEndTests
{
    private const string Token = "outage-ingest-token-0123";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Outage_ProbeAndTrafficFail_OneIncidentOneUrgentCase_OneFiringAndOneResolvedToEmergency()
    {
        using var dir = new TempDirectory();
        await using var smtp = new SmtpTestServer();
        // The probe runs on the test's fake clock, driven below as its scheduled job would run it.
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var partner = await SimulatedPartner.StartAsync(TimeProvider.System, TimeSpan.MaxValue / 4, TimeSpan.Zero);
        partner.ForceFailure = true;
        var path = dir.Write("monitor.yaml", string.Create(CultureInfo.InvariantCulture, $"""
            monitor:
              project: acme
              dataDirectory: "{dir.Path}/data"
              web: {"{"} listen: "http://127.0.0.1:0" {"}"}
              smtp: {"{"} host: 127.0.0.1, port: {smtp.Port}, security: none, from: monitor@acme.example {"}"}
              contacts: {"{"} emergency: [oncall@acme.example], technical: [dev@acme.example] {"}"}
              cases: {"{"} mode: auto, supportEmail: support@google.example {"}"}
              evaluation: {"{"} interval: 1h {"}"}
              ingest: {"{"} token: "{Token}" {"}"}
              targets:
                http:
                  - {"{"} name: fulfillment, url: "{partner.BaseUrl}fulfillment", method: POST, body: '{"{"}"inputs":[]{"}"}', cron: "0 0 0 1 1 ? 2099", timeout: 2s {"}"}
            """));
        var overrides = TrafficPresets.AsOverrides(new Dictionary<string, string>
        {
            ["name"] = "fulfillment-down", ["signal"] = "fulfillment", ["window"] = "1m", ["threshold"] = "0.5", ["minSamples"] = "2",
            ["severity"] = "critical", ["category"] = "integration-down",
        });
        var config = ConfigLoader.Load(path, overrides);
        await using var app = MonitorHost.Build(config, services =>
        {
            services.AddLogging(logging => logging.ClearProviders());
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton(_ => new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry()));
            foreach (var d in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(EvaluationService)).ToList())
            {
                services.Remove(d);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(10) };
        var evaluator = app.Services.GetRequiredService<AlertEvaluator>();
        var incidents = app.Services.GetRequiredService<IIncidentQueries>();
        var queue = app.Services.GetRequiredService<IngestQueue>();
        try
        {
            // Everything fails at once: the probe, and checkout and submit order over 20 restaurants. The test runs the
            // probe itself: its schedule (a cron in 2099) never fires, so no scheduled run evaluates the probe's rule
            // alone between the test's probe runs and the traffic (a first run lands 0 to 5 s after start otherwise).
            await ProbesAsync(app.Services, 3);
            await PostAsync(http, queue, time.GetUtcNow(), failing: true);
            time.Advance(TimeSpan.FromSeconds(30));
            await evaluator.EvaluateAsync(CancellationToken.None);

            var firing = await smtp.WaitForAsync(m => m.Subject!.Contains("FIRING", StringComparison.Ordinal), Patience);
            var caseMail = await smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == "support@google.example"), Patience);
            Assert.StartsWith("[URGENT FIRING] [critical] [integration-down] acme:", firing.Subject, StringComparison.Ordinal);
            Assert.StartsWith("[Urgent technical support] acme: the integration does not work", caseMail.Subject, StringComparison.Ordinal);
            foreach (var rule in new[] { "fulfillment-down", "checkout-errors", "submit-order-errors" })
            {
                Assert.Contains(rule, firing.TextBody, StringComparison.Ordinal);
                Assert.Contains(rule, caseMail.TextBody, StringComparison.Ordinal);
            }

            Assert.Contains("100.0", caseMail.TextBody, StringComparison.Ordinal);

            // Recovery: healthy answers until every alert has resolved (the presets keep firing for 5 minutes).
            partner.ForceFailure = false;
            for (var minute = 0; minute < 12 && (await incidents.ListAsync(Monitor.Storage.IncidentStatus.Open)).Count > 0; minute++)
            {
                time.Advance(TimeSpan.FromMinutes(1));
                await ProbesAsync(app.Services, 2);
                await PostAsync(http, queue, time.GetUtcNow(), failing: false);
                await evaluator.EvaluateAsync(CancellationToken.None);
            }

            var resolved = await smtp.WaitForAsync(m => m.Subject!.Contains("RESOLVED", StringComparison.Ordinal), Patience);
            Assert.Equal(firing.MessageId, resolved.InReplyTo);
            var incident = Assert.Single(await incidents.ListAsync());
            Assert.Equal("resolved", incident.Status);
            var detail = await incidents.GetAsync(incident.Number);
            Assert.True(detail!.Alerts.Count >= 3, string.Join(", ", detail.Alerts.Select(a => a.Rule)));
            var onlyCase = Assert.Single(await incidents.CasesAsync());
            Assert.Equal("urgent", onlyCase.Kind);
            await smtp.WaitForAsync(m => m.Subject!.EndsWith(": resolved", StringComparison.Ordinal), Patience);

            var emergency = smtp.Messages.Where(m => m.To.Mailboxes.Any(b => b.Address == "oncall@acme.example")).ToList();
            Assert.Equal([firing.MessageId, resolved.MessageId], emergency.Select(m => m.MessageId));
            var support = smtp.Messages.Where(m => m.To.Mailboxes.Any(b => b.Address == "support@google.example")).ToList();
            Assert.Single(support, m => !m.Subject!.StartsWith("Re:", StringComparison.Ordinal));
            Assert.Equal(2, support.Count);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>Runs the target's real HTTP probe against the partner <paramref name="count"/> times, recorded as the scheduled job records it.</summary>
    private static async Task ProbesAsync(IServiceProvider services, int count)
    {
        Assert.True(services.GetRequiredService<ProbeCatalog>().TryGet("fulfillment", out var probe));
        var evaluator = services.GetRequiredService<AlertEvaluator>();
        for (var i = 0; i < count; i++)
        {
            ProbeSignals.Record(evaluator, await probe!.RunAsync(CancellationToken.None));
        }
    }

    private static async Task PostAsync(HttpClient http, IngestQueue queue, DateTimeOffset at, bool failing)
    {
        var body = new StringBuilder();
        foreach (var action in new[] { "checkout", "submit_order" })
        {
            for (var i = 0; i < 60; i++)
            {
                var status = failing ? 500 : 200;
                body.Append(CultureInfo.InvariantCulture,
                    $$"""{"time":"{{at.AddMilliseconds(-i * 100):yyyy-MM-ddTHH:mm:ss.fffzzz}}","action":"{{action}}","restaurantId":"r-{{i % 20}}","status":{{status}},"latencyMs":120}""").Append('\n');
            }
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/observations") { Content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var timeout = new CancellationTokenSource(Patience);
        while (queue.Depth > 0)
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
