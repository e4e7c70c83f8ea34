using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Tests.TestSupport;
using Xunit.Abstractions;

namespace Monitor.Tests.Web;

/// <summary>The status page as Debian's headless Chromium renders it, with no script and nothing external.</summary>
public sealed partial class StatusPageBrowserTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [ToolFact("chromium")]
    public async Task Chromium_DemoRunWithOpenIncident_DomShowsItWithChartsScreenshotAndPrintAreSaved()
    {
        // The demo's checkout fails from the first second: its alert fires and opens a real incident.
        await using var monitor = await DemoRun.StartAsync(
            ["--fail-after", "1s", "--fail-for", "10m", "--duration", "5m"],
            ("interval: 2s", "interval: 500ms"),
            ("interval: 10s", "interval: 2s"),
            ("interval: 30s", "interval: 2s"));
        await WaitAsync("an open incident, a validated feed and a measured certificate", async () =>
        {
            using var status = JsonDocument.Parse(await monitor.Http.GetStringAsync(new Uri("api/v1/status", UriKind.Relative)));
            var ok = status.RootElement.GetProperty("signals").EnumerateArray()
                .Where(s => s.GetProperty("state").GetString() == "ok").Select(s => s.GetProperty("name").GetString()).ToList();
            return status.RootElement.GetProperty("incidents").GetArrayLength() > 0 && ok.Contains("inventory") && ok.Contains("tls:partner-health");
        });
        var profile = Directory.CreateTempSubdirectory("monitor-chromium-");
        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "status-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        try
        {
            var dom = await ChromiumAsync(profile.FullName, "--dump-dom", monitor.BaseUrl.ToString());
            var shot = await ChromiumAsync(profile.FullName, "--screenshot=" + screenshot, "--window-size=1280,1500", "--hide-scrollbars", monitor.BaseUrl.ToString());
            var printed = Path.ChangeExtension(screenshot, ".pdf");
            File.Delete(printed);
            var print = await ChromiumAsync(profile.FullName, "--no-pdf-header-footer", "--print-to-pdf=" + printed, monitor.BaseUrl.ToString());

            Assert.True(dom.ExitCode == 0, $"chromium --dump-dom exited {dom.ExitCode}: {dom.Error}");
            Assert.Contains("<header class=\"overall critical\" id=\"overall\" data-state=\"critical\">", dom.Output, StringComparison.Ordinal);
            Assert.Contains("<tr class=\"alert\" data-rule=\"checkout-errors\" data-state=\"firing\">", dom.Output, StringComparison.Ordinal);
            Assert.Contains("<tr class=\"incident\" data-id=\"INC-1\">", dom.Output, StringComparison.Ordinal);
            Assert.Contains("checkout-errors on checkout", dom.Output, StringComparison.Ordinal);
            Assert.Matches("<a href=\"http://127\\.0\\.0\\.1:\\d+/ack\\?t=[^\"]+\">acknowledge</a>", dom.Output);
            Assert.Contains("<tr class=\"signal\" data-signal=\"inventory\" data-state=\"ok\">", dom.Output, StringComparison.Ordinal);
            Assert.True(ChartElement().Matches(dom.Output).Count >= 4, "two charts per signal expected");
            // The partner's certificate is a gauge: its days left, as the rule reads them, and no charts.
            Assert.Matches("<tr class=\"signal\" data-signal=\"tls:partner-health\" data-state=\"ok\">.*value (89\\.9\\d*|90) days, limit: at least 14 days \\(partner-certificate\\)<br><span class=\"muted\">gauge", dom.Output);
            Assert.Contains("<rect class=\"bad\"", dom.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", dom.Output, StringComparison.OrdinalIgnoreCase);

            Assert.True(shot.ExitCode == 0, $"chromium --screenshot exited {shot.ExitCode}: {shot.Error}");
            Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is missing or blank");
            output.WriteLine("status page screenshot: " + screenshot);

            // Printed, the page fits on a few sheets.
            Assert.True(print.ExitCode == 0, $"chromium --print-to-pdf exited {print.ExitCode}: {print.Error}");
            var pages = PdfPage().Matches(System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(printed))).Count;
            Assert.InRange(pages, 1, 3);
            output.WriteLine($"status page printed: {printed} ({pages} pages)");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>Polls every 100 ms for at most 60 s.</summary>
    private static async Task WaitAsync(string what, Func<Task<bool>> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"waited 60 s for {what}");
            await Task.Delay(100);
        }
    }

    private static Task<ToolRun> ChromiumAsync(string profile, params string[] arguments) =>
        ExternalTool.RunAsync("chromium",
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, .. arguments,
        ], Limit);

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PdfPage();

    [GeneratedRegex("<svg class=\"chart (error-ratio|latency)\"")]
    private static partial Regex ChartElement();
}
