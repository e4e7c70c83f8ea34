using System.Net;
using System.Text.Json;

namespace Monitor.Tests.Web;

/// <summary>The read API: <c>/api/v1/status</c> and <c>/api/v1/targets</c>, open without a token on the listen address.</summary>
public sealed class StatusApiTests
{
    [Fact]
    public async Task GetStatus_AlertFiringNoToken_ReturnsStateAlertsAndSignalFigures()
    {
        await using var monitor = await RunningMonitor.StartAsync();
        await monitor.MakeAlertFireAsync();

        using var response = await monitor.Http.GetAsync(new Uri("/api/v1/status", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("test <project> & co", root.GetProperty("project").GetString());
        Assert.Equal("critical", root.GetProperty("overall").GetString());
        var alert = Assert.Single(root.GetProperty("alerts").EnumerateArray());
        Assert.Equal("checkout-errors", alert.GetProperty("rule").GetString());
        Assert.Equal("firing", alert.GetProperty("state").GetString());
        Assert.Equal("orders-blocked", alert.GetProperty("category").GetString());
        Assert.True(alert.GetProperty("urgent").GetBoolean());
        Assert.Equal(2.0 / 3, alert.GetProperty("value").GetDouble(), 9);
        Assert.Equal(0.5, alert.GetProperty("threshold").GetDouble());
        Assert.Equal("error ratio 66.67% (2/3) over 10m, threshold 50%", alert.GetProperty("now").GetString());
        var signal = Assert.Single(root.GetProperty("signals").EnumerateArray());
        Assert.Equal("down", signal.GetProperty("state").GetString());
        Assert.Equal(3, signal.GetProperty("samples").GetInt64());
        Assert.Equal(2, signal.GetProperty("failures").GetInt64());
        Assert.Equal(2.0 / 3, signal.GetProperty("errorRatio").GetDouble(), 6);
        Assert.Equal(["firing"], root.GetProperty("recentTransitions").EnumerateArray().Select(t => t.GetProperty("kind").GetString()));
        // The firing alert opened an incident in the store; while unacknowledged it carries a signed ack link.
        var incident = Assert.Single(root.GetProperty("incidents").EnumerateArray());
        Assert.Equal("INC-1", incident.GetProperty("id").GetString());
        Assert.Equal("critical", incident.GetProperty("severity").GetString());
        Assert.Equal("orders-blocked", incident.GetProperty("category").GetString());
        Assert.False(incident.GetProperty("acknowledged").GetBoolean());
        Assert.Contains("/ack?t=", incident.GetProperty("acknowledgeUrl").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/fulfillment", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRules_AfterProbes_ReturnsEachRuleWithItsSeriesFiguresAndBurnRates()
    {
        await using var monitor = await RunningMonitor.StartAsync(extraRules: """
                - name: checkout-slo
                  kind: burn-rate
                  signal: checkout
                  objective: 0.75
                  severity: major
                  category: technical-support
                - name: checkout-certificate
                  kind: gauge
                  signal: "tls:checkout"
                  below: 14
                  severity: major
            """);
        await monitor.MakeAlertFireAsync();

        using var json = JsonDocument.Parse(await monitor.Http.GetStringAsync(new Uri("/api/v1/rules", UriKind.Relative)));
        var rules = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("rule").GetString()!);

        Assert.Equal(["checkout-errors", "checkout-slo", "checkout-certificate"], rules.Keys);
        var errors = rules["checkout-errors"];
        Assert.Equal(("error-ratio", "firing", true, "0s"), (errors.GetProperty("kind").GetString(), errors.GetProperty("state").GetString(),
            errors.GetProperty("urgent").GetBoolean(), errors.GetProperty("for").GetString()));
        var series = Assert.Single(errors.GetProperty("series").EnumerateArray());
        Assert.Equal(2.0 / 3, series.GetProperty("value").GetDouble(), 9);
        Assert.Equal("error ratio 66.67% (2/3) over 10m, threshold 50%", series.GetProperty("now").GetString());
        // 2 failures in 3 runs against a 25% budget: 2.67x over every window of the page pairs.
        var burn = Assert.Single(rules["checkout-slo"].GetProperty("series").EnumerateArray()).GetProperty("burnRates");
        Assert.Equal(["1h", "5m", "6h", "30m"], burn.EnumerateObject().Select(p => p.Name));
        Assert.All(burn.EnumerateObject(), p => Assert.Equal(8.0 / 3, p.Value.GetDouble(), 9));
        // No https target: the certificate gauge has nothing to judge, so no value (null fields are left out).
        var certificate = Assert.Single(rules["checkout-certificate"].GetProperty("series").EnumerateArray());
        Assert.False(certificate.TryGetProperty("value", out _));
        Assert.Equal(14, certificate.GetProperty("threshold").GetDouble());
        Assert.StartsWith("nothing to judge yet", certificate.GetProperty("now").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRule_UnknownName_Returns404WithReason()
    {
        await using var monitor = await RunningMonitor.StartAsync();

        using var response = await monitor.Http.GetAsync(new Uri("/api/v1/rules/nope", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no rule named 'nope'", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task GetTargets_AfterBusinessError_ReturnsLastResultOfEachTarget()
    {
        await using var monitor = await RunningMonitor.StartAsync();
        await monitor.MakeAlertFireAsync();

        using var json = JsonDocument.Parse(await monitor.Http.GetStringAsync(new Uri("/api/v1/targets", UriKind.Relative)));

        var target = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("checkout", target.GetProperty("name").GetString());
        Assert.Equal("http", target.GetProperty("kind").GetString());
        Assert.Equal("down", target.GetProperty("state").GetString());
        Assert.Equal("body", target.GetProperty("reason").GetString());
        Assert.Equal(200, target.GetProperty("statusCode").GetInt32());
        Assert.Equal("MERCHANT_UNREACHABLE", target.GetProperty("errorType").GetString());
        Assert.Equal(1, target.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task GetTarget_UnknownName_Returns404WithReason()
    {
        await using var monitor = await RunningMonitor.StartAsync();

        using var response = await monitor.Http.GetAsync(new Uri("/api/v1/targets/nope", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("no target named 'nope'", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task GetTarget_BeforeFirstRun_SaysUnknown()
    {
        await using var monitor = await RunningMonitor.StartAsync();

        using var json = JsonDocument.Parse(await monitor.Http.GetStringAsync(new Uri("/api/v1/targets/checkout", UriKind.Relative)));

        Assert.Equal("unknown", json.RootElement.GetProperty("state").GetString());
        Assert.False(json.RootElement.TryGetProperty("lastRun", out _));
    }

    [Fact]
    public async Task Acknowledge_WithoutTokenRefusedWithToken_StatusShowsWhoAcknowledged()
    {
        await using var monitor = await RunningMonitor.StartAsync();
        await monitor.MakeAlertFireAsync();
        var ack = new Uri("/api/v1/incidents/INC-1/ack", UriKind.Relative);

        using var refused = await monitor.Http.PostAsync(ack, JsonContent("""{"by":"mallory"}"""));
        using var request = new HttpRequestMessage(HttpMethod.Post, ack) { Content = JsonContent("""{"by":"dana"}""") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", RunningMonitor.ApiToken);
        using var accepted = await monitor.Http.SendAsync(request);
        using var json = JsonDocument.Parse(await monitor.Http.GetStringAsync(new Uri("/api/v1/status", UriKind.Relative)));
        var html = await monitor.Http.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var incident = Assert.Single(json.RootElement.GetProperty("incidents").EnumerateArray());
        Assert.True(incident.GetProperty("acknowledged").GetBoolean());
        Assert.Equal("dana", incident.GetProperty("acknowledgedBy").GetString());
        Assert.False(incident.TryGetProperty("acknowledgeUrl", out _));
        Assert.Contains("acknowledged</span> dana", html, StringComparison.Ordinal);
        Assert.DoesNotContain(RunningMonitor.ApiToken, html, StringComparison.Ordinal);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
