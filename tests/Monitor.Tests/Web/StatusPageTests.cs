using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Web;

namespace Monitor.Tests.Web;

/// <summary>The status page at <c>/</c> of a running daemon.</summary>
public sealed partial class StatusPageTests
{
    [Fact]
    public async Task Get_AlertFiring_ShowsCriticalStateFiringRuleAndCharts()
    {
        await using var monitor = await RunningMonitor.StartAsync();
        await monitor.MakeAlertFireAsync();

        using var response = await monitor.Http.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<header class=\"overall critical\" id=\"overall\" data-state=\"critical\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"alert\" data-rule=\"checkout-errors\" data-state=\"firing\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"signal\" data-signal=\"checkout\" data-state=\"down\">", html, StringComparison.Ordinal);
        Assert.Contains("FoodErrorExtension MERCHANT_UNREACHABLE", html, StringComparison.Ordinal);
        Assert.Contains("67 %<br><span class=\"muted\">2/3</span>", html, StringComparison.Ordinal);
        // One red bar per minute with failures: the three probes fall in one minute, or two across a minute boundary.
        Assert.InRange(ChartBar().Matches(html).Count, 1, 2);
        Assert.Contains("<svg class=\"chart latency\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AfterEachEvaluation_NowFollowsTheRuleAndKeepsTheFiguresItFiredOn()
    {
        await using var monitor = await RunningMonitor.StartAsync();
        await monitor.MakeAlertFireAsync();

        var html = await monitor.Http.GetStringAsync(new Uri("/", UriKind.Relative));

        // Fired at 1 failure in 2 runs; the third run (a failure) made no transition but moved the figures.
        var row = Row(html, "<tr class=\"alert\" data-rule=\"checkout-errors\"");
        Assert.Contains("<td>error ratio 66.67% (2/3) over 10m, threshold 50%<br><span class=\"muted\">at change: error ratio 50% (1/2) over 10m, threshold 50%</span></td>",
            row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_BeforeAnyEvaluation_SaysTheRuleIsNotEvaluatedYet()
    {
        await using var monitor = await RunningMonitor.StartAsync();

        var html = await monitor.Http.GetStringAsync(new Uri("/", UriKind.Relative));

        var row = Row(html, "<tr class=\"alert\" data-rule=\"checkout-errors\"");
        Assert.Contains("not evaluated yet", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Always_IsSelfContainedRefreshingAndFreeOfSecrets()
    {
        await using var monitor = await RunningMonitor.StartAsync();
        await monitor.MakeAlertFireAsync();

        using var response = await monitor.Http.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<meta http-equiv=\"refresh\" content=\"15\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret-token", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/fulfillment", html, StringComparison.Ordinal);
        Assert.Contains("test &lt;project&gt; &amp; co", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/locations\">per location</a>", html, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Get_BeforeAnyProbe_SaysAllNormalAndTargetUnknown()
    {
        await using var monitor = await RunningMonitor.StartAsync();

        var html = await monitor.Http.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("data-state=\"ok\"", html, StringComparison.Ordinal);
        Assert.Contains(": All systems normal</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"signal\" data-signal=\"checkout\" data-state=\"unknown\">", html, StringComparison.Ordinal);
        Assert.Contains("No open incidents.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"maintenance\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SourceWithIncidentsMaintenanceAndCase_RendersThemEncoded()
    {
        await using var monitor = await RunningMonitor.StartAsync(s => s.AddSingleton<IStatusSource>(sp => new FakeStatusSource(TimeProvider.System)));

        var html = await monitor.Http.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("data-state=\"critical\"", html, StringComparison.Ordinal);
        Assert.Contains("Maintenance in progress since", html, StringComparison.Ordinal);
        Assert.Contains("POS upgrade &quot;v2&quot;", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Open incidents (2)</h2>", html, StringComparison.Ordinal);
        Assert.Contains("Checkout errors &lt;script&gt;alert(1)&lt;/script&gt; &amp; rising", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/ack/inc-0001?sig=abc&amp;exp=1\">acknowledge</a>", html, StringComparison.Ordinal);
        Assert.Contains("acknowledged</span> dana@partner.example", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"case\"><td>case-17</td><td><strong>urgent</strong></td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AfterIngestedTraffic_ListsTheActionAsAnIngestedSignalWithItsErrorRatio()
    {
        await using var monitor = await RunningMonitor.StartAsync();
        using var response = await monitor.IngestAsync(
            """{"action":"submit_order","restaurantId":"r1","status":200}""",
            """{"action":"submit_order","restaurantId":"r2","status":500}""");

        var html = await monitor.Http.GetStringAsync(new Uri("/", UriKind.Relative));

        var row = Row(html, "<tr class=\"signal\" data-signal=\"submit_order\"");
        Assert.Contains("data-state=\"ok\"", row, StringComparison.Ordinal);
        Assert.Contains("ingested, last data", row, StringComparison.Ordinal);
        Assert.Contains("50 %<br><span class=\"muted\">1/2</span>", row, StringComparison.Ordinal);
        Assert.Contains("<rect class=\"bad\"", row, StringComparison.Ordinal);
        Assert.DoesNotContain("r2", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_PatternRuleFiringOnAnIngestedAction_MarksThatSignalDownAndListsNoPatternAsASignal()
    {
        await using var monitor = await RunningMonitor.StartAsync(extraRules: """
                - name: any-submit-errors
                  signal: "submit*"
                  window: 10m
                  threshold: 0.5
                  minSamples: 2
                  minErrors: 1
                  severity: major
            """);
        using var response = await monitor.IngestAsync(
            """{"action":"submit_order","restaurantId":"r1","status":500}""",
            """{"action":"submit_order","restaurantId":"r2","status":500}""");
        await monitor.Evaluator.EvaluateAsync(CancellationToken.None);

        var html = await monitor.Http.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("<tr class=\"alert\" data-rule=\"any-submit-errors\" data-state=\"firing\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"signal\" data-signal=\"submit_order\" data-state=\"down\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"signal\" data-signal=\"checkout\" data-state=\"unknown\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-signal=\"submit*\"", html, StringComparison.Ordinal);
        Assert.Contains("<td>submit_order: error ratio 100% (2/2) over 10m, threshold 50%", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_StatusSourceThrows_StillRendersLiveFiguresWithANotice()
    {
        await using var monitor = await RunningMonitor.StartAsync(s => s.AddSingleton<IStatusSource, BrokenStatusSource>());
        await monitor.MakeAlertFireAsync();

        using var response = await monitor.Http.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"unavailable\"", html, StringComparison.Ordinal);
        Assert.Contains("data-rule=\"checkout-errors\" data-state=\"firing\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("database is locked", html, StringComparison.Ordinal);
    }

    /// <summary>The table row that starts with <paramref name="start"/>, up to its closing tag.</summary>
    private static string Row(string html, string start)
    {
        var at = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no row starting with {start}");
        var row = html[at..];
        return row[..(row.IndexOf("</tr>", StringComparison.Ordinal) + "</tr>".Length)];
    }

    private sealed class BrokenStatusSource : IStatusSource
    {
        public Task<StatusExtras> GetAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("database is locked");
    }

    [GeneratedRegex("<rect class=\"bad\"")]
    private static partial Regex ChartBar();
}
