using System.Globalization;
using System.Net;
using System.Text.Json;
using Monitor.Agent;
using Monitor.Probes;
using Monitor.Rules.Alerts;

namespace Monitor.Tests.Ingest.Agents;

/// <summary>
/// Figures an agent's result carries besides success (certificate seconds left, feed counts): validated one result at a
/// time, and read by the central's rules for that location.
/// </summary>
public sealed class AgentGaugesTests : IAsyncLifetime
{
    private const string CertificateRule = """
            - name: certificate-expiry
              signal: tls:fulfillment
              kind: gauge
              below: 14
              unit: days
              severity: major
              minLocations: 1

        """;

    private readonly TempFolder _folder = new();
    private CentralTestHost _central = null!;

    public async Task InitializeAsync() =>
        _central = await CentralTestHost.StartAsync(_folder.PathOf("central"), targetUrl: "https://127.0.0.1:9/health", extraRules: CertificateRule);

    public async Task DisposeAsync()
    {
        await _central.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Report_CertificateDaysFromOneAgent_FiresTheCertificateRuleForThatLocation()
    {
        var body = AgentReportEndpointTests.Report("a", Item(1, "\"tls_cert_expiry_seconds\":864000"));
        using var response = await _central.ReportAsync(body, CentralTestHost.TokenOf("a"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await _central.Evaluator.EvaluateAsync(CancellationToken.None);

        var firing = Assert.Single(_central.Sink!.Transitions, t => t.Kind == TransitionKind.Firing);
        Assert.Equal(("certificate-expiry", "tls:fulfillment"), (firing.Rule, firing.Signal));
        Assert.Contains("(a)", firing.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_CertificateFarFromExpiry_FiresNothing()
    {
        var body = AgentReportEndpointTests.Report("a", Item(1, "\"tls_cert_expiry_seconds\":8640000"));
        (await _central.ReportAsync(body, CentralTestHost.TokenOf("a"))).Dispose();

        await _central.Evaluator.EvaluateAsync(CancellationToken.None);

        Assert.DoesNotContain(_central.Sink!.Transitions, t => t.Kind == TransitionKind.Firing);
    }

    [Fact]
    public async Task Report_BadFigures_RefusesEachResultWithItsReasonAndKeepsTheGoodOnes()
    {
        var body = AgentReportEndpointTests.Report("a",
            Item(1, "\"tls_cert_expiry_seconds\":\"soon\""),
            Item(2, "\"entities:Restaurant\":10"),
            Item(3, "\"tls_cert_expiry_seconds\":864000,\"some_future_figure\":1"),
            Item(4, null, "[1,2]"));

        using var response = await _central.ReportAsync(body, CentralTestHost.TokenOf("a"));
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, answer.RootElement.GetProperty("accepted").GetInt32());
        var errors = answer.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("seq").GetInt32(), e.GetProperty("reason").GetString(), e.GetProperty("message").GetString())).ToList();
        Assert.Equal(
        [
            (1, "malformed", "'gauges.tls_cert_expiry_seconds' must be a finite number"),
            (2, "malformed", "'gauges.entities:Restaurant' is a figure of a feed target; 'fulfillment' is an http target"),
            (4, "malformed", "'gauges' must be an object of numbers"),
        ], errors);
    }

    [Fact]
    public async Task Report_FeedCountsFromOneAgent_FireAQuorumRuleOnTheFeedSignal()
    {
        const string feeds = """
                feeds:
                  - name: inventory
                    source: "/nonexistent/feed/*.ndjson"
                    interval: 15m

            """;
        const string rule = """
                - name: restaurants-invalid
                  signal: feed:Restaurant
                  window: 1h
                  threshold: 0.2
                  severity: major
                  minLocations: 1

            """;
        await using var central = await CentralTestHost.StartAsync(_folder.PathOf("feed-central"), extraTargets: feeds, extraRules: rule);
        var at = central.Time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var item = "{\"seq\":1,\"target\":\"inventory\",\"kind\":\"feed\",\"startedAt\":\"" + at + "\",\"durationSeconds\":2,\"success\":false,"
            + "\"reason\":\"invalid\",\"detail\":\"40 of 100 restaurants invalid\","
            + "\"gauges\":{\"entities:Restaurant\":100,\"invalid:Restaurant\":40,\"entities_total\":100,\"stale_entities\":0}}";

        using var response = await central.ReportAsync(AgentReportEndpointTests.Report("b", item), CentralTestHost.TokenOf("b"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await central.Evaluator.EvaluateAsync(CancellationToken.None);

        var firing = Assert.Single(central.Sink!.Transitions, t => t.Kind == TransitionKind.Firing && t.Rule == "restaurants-invalid");
        Assert.Equal("feed:Restaurant", firing.Signal);
        Assert.Contains("(b)", firing.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void From_HttpsResult_CarriesTheCertificateAndLeavesOutWhatTheCentralDoesNotRead()
    {
        var result = new ProbeResult("fulfillment", "http", DateTimeOffset.UnixEpoch, TimeSpan.FromMilliseconds(5), true, null, "ok")
        {
            Gauges = new Dictionary<string, double> { ["tls_cert_expiry_seconds"] = 86_400, ["http_dns_seconds"] = 0.01 },
        };

        var json = System.Text.Encoding.UTF8.GetString(AgentResult.From(result, 7).ToJson());

        Assert.Contains("\"gauges\":{\"tls_cert_expiry_seconds\":86400}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("http_dns_seconds", json, StringComparison.Ordinal);
    }

    [Fact]
    public void From_ResultWithoutFigures_SendsNoGauges()
    {
        var result = new ProbeResult("fulfillment", "http", DateTimeOffset.UnixEpoch, TimeSpan.FromMilliseconds(5), false, "connect", "refused");

        Assert.DoesNotContain("gauges", System.Text.Encoding.UTF8.GetString(AgentResult.From(result, 1).ToJson()), StringComparison.Ordinal);
    }

    private string Item(long seq, string? gauges, string? raw = null) =>
        "{\"seq\":" + seq.ToString(CultureInfo.InvariantCulture) + ",\"target\":\"fulfillment\",\"kind\":\"http\",\"startedAt\":\""
        + _central.Time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) + "\",\"durationSeconds\":0.01,\"success\":true,\"detail\":\"ok\""
        + ",\"gauges\":" + (raw ?? "{" + gauges + "}") + "}";
}
