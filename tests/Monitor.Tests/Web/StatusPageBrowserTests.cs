using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Monitor.Tests.Web;

/// <summary>The status page as Debian's headless Chromium renders it, with no script and nothing external.</summary>
public sealed partial class StatusPageBrowserTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [ToolFact("chromium")]
    public async Task Chromium_FiringAlertAndOpenIncident_DomShowsThemWithChartsScreenshotAndPrintAreSaved()
    {
        // The firing alert opens a real incident in the daemon's store, as in the demo.
        await using var monitor = await RunningMonitor.StartAsync(withFeed: true);
        await monitor.MakeAlertFireAsync();
        await monitor.RunJobAsync(RunningMonitor.Feed);
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
