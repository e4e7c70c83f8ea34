using System.Globalization;
using System.Net;
using System.Text;

namespace Monitor.Web;

/// <summary>
/// Renders a <see cref="StatusSnapshot"/> as one self-contained HTML page: no script, no external
/// asset, a meta refresh, every value HTML-encoded. States are written out in words as well as
/// coloured, so the page reads the same printed in black and white.
/// </summary>
internal static class StatusPageRenderer
{
    /// <summary>How often the page reloads itself.</summary>
    public const int RefreshSeconds = 15;

    public static string Render(StatusSnapshot s)
    {
        var html = new StringBuilder(16 * 1024);
        var headline = s.Overall switch
        {
            "critical" => "Critical problem",
            "degraded" => "Degraded",
            _ => "All systems normal",
        };
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append(CultureInfo.InvariantCulture, $"<meta http-equiv=\"refresh\" content=\"{RefreshSeconds}\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{E(headline)} · {E(s.Project)} · Monitor</title>")
            .Append("<style>").Append(StatusPageStyle.Css).Append("</style></head><body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<header class=\"overall {E(s.Overall)}\" id=\"overall\" data-state=\"{E(s.Overall)}\"><div class=\"wrap\">")
            .Append(CultureInfo.InvariantCulture, $"<h1>{E(s.Project)}: {E(headline)}</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p>{Summary(s)}</p>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Updated {Time(s.GeneratedAt, s.GeneratedAt)} · refreshes every {RefreshSeconds} s · rules last evaluated {(s.LastEvaluation is { } e ? Ago(s.GeneratedAt, e) : "not yet")}</p>")
            .Append("</div></header>\n<main>\n");
        if (s.IncidentsUnavailable)
        {
            html.Append("<div class=\"maintenance\" id=\"unavailable\" role=\"alert\">Incidents, maintenance and cases could not be read just now; the rest of this page is live.</div>\n");
        }

        Maintenance(html, s);
        Incidents(html, s);
        Alerts(html, s);
        Signals(html, s);
        Cases(html, s);
        Activity(html, s);
        html.Append(CultureInfo.InvariantCulture, $"<footer>Monitor {E(s.Version)} · <a href=\"/api/v1/status\">status as JSON</a> · <a href=\"/metrics\">metrics</a> · <a href=\"/readyz\">readiness</a> · <a href=\"/locations\">per location</a></footer>\n")
            .Append("</main></body></html>\n");
        return html.ToString();
    }

    /// <summary>
    /// One section: its heading, then a table with one row per item, or a line saying there is none.
    /// <paramref name="head"/> is the header row's cells (none for a table without a header).
    /// </summary>
    private static void Section<T>(
        StringBuilder html, string id, string title, IReadOnlyList<T> items, string none, string? head, Action<StringBuilder, T> row)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"{id}\"><h2>{title}</h2>\n");
        if (items.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"none\">{none}</p></section>\n");
            return;
        }

        html.Append(head is null ? "<table><tbody>\n" : $"<table><thead><tr>{head}</tr></thead><tbody>\n");
        foreach (var item in items)
        {
            row(html, item);
        }

        html.Append("</tbody></table></section>\n");
    }

    private static string Summary(StatusSnapshot s)
    {
        var firing = s.Alerts.Count(a => a.State == "firing");
        var pending = s.Alerts.Count(a => a.State == "pending");
        var down = s.Signals.Count(x => x.State is "down" or "degraded");
        return string.Create(CultureInfo.InvariantCulture,
            $"{Count(firing, "alert")} firing, {pending} pending · {Count(s.Incidents.Count, "open incident")} · {down} of {Count(s.Signals.Count, "signal")} not healthy");
    }

    private static void Maintenance(StringBuilder html, StatusSnapshot s)
    {
        if (s.Maintenance is not { } m)
        {
            return;
        }

        var until = m.Until is { } u ? $" until {Time(s.GeneratedAt, u)}" : " until ended by hand";
        html.Append(CultureInfo.InvariantCulture,
            $"<div class=\"maintenance\" id=\"maintenance\" role=\"status\">Maintenance in progress since {Time(s.GeneratedAt, m.Since)}{E(until)}: {E(m.Reason)}. Measurements continue; notifications are held.</div>\n");
    }

    private static void Incidents(StringBuilder html, StatusSnapshot s) =>
        Section(html, "incidents", $"Open incidents ({s.Incidents.Count})", s.Incidents, "No open incidents.",
            "<th>Incident</th><th>Severity</th><th>Category</th><th>Open since</th><th>Acknowledged</th>", (html, i) =>
        {
            var ack = i.Acknowledged
                ? $"<span class=\"badge b-acknowledged\">acknowledged</span> {E(i.AcknowledgedBy ?? "")} {(i.AcknowledgedAt is { } at ? Ago(s.GeneratedAt, at) : "")}"
                : "<span class=\"badge b-open\">not yet</span>" + (i.AcknowledgeUrl is { Length: > 0 } url ? $" <a href=\"{E(url)}\">acknowledge</a>" : "");
            html.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"incident\" data-id=\"{E(i.Id)}\"><td><strong>{E(i.Title)}</strong><br><span class=\"muted\">{E(i.Id)}</span></td><td><span class=\"badge b-{Css(i.Severity)}\">{E(i.Severity)}</span></td><td>{E(i.Category)}</td><td>{Time(s.GeneratedAt, i.Since)}<br><span class=\"muted\">{Ago(s.GeneratedAt, i.Since)}</span></td><td>{ack}</td></tr>\n");
        });

    private static void Alerts(StringBuilder html, StatusSnapshot s) =>
        Section(html, "alerts", $"Alerts ({s.Alerts.Count(a => a.State == "firing")} firing of {Count(s.Alerts.Count, "rule")})", s.Alerts, "No rules configured.",
            "<th>Rule</th><th>State</th><th>Signal</th><th>Severity · category</th><th>Since</th><th>Now</th>", (html, a) =>
        {
            var since = a.Since is { } t ? $"{Time(s.GeneratedAt, t)}<br><span class=\"muted\">{Ago(s.GeneratedAt, t)}</span>" : "<span class=\"muted\">–</span>";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"alert\" data-rule=\"{E(a.Rule)}\" data-state=\"{E(a.State)}\"><td><strong>{E(a.Rule)}</strong>{(a.Urgent ? " <span class=\"muted\">(urgent)</span>" : "")}</td><td><span class=\"badge b-{Css(a.State)}\">{E(a.State)}</span></td><td>{E(a.Signal)}</td><td>{E(a.Severity)} · {E(a.Category)}</td><td>{since}</td><td>{NowCell(a)}</td></tr>\n");
        });

    /// <summary>The figures of the last evaluation, and those of the last change when the alert is not inactive (what it fired on).</summary>
    private static string NowCell(AlertView a)
    {
        var now = a.Now is null ? "<span class=\"muted\">not evaluated yet</span>" : E(a.Now);
        return a.State != "inactive" && a.Summary is { } fired ? $"{now}<br><span class=\"muted\">at change: {E(fired)}</span>" : now;
    }

    private static void Signals(StringBuilder html, StatusSnapshot s)
    {
        var hours = StatusSnapshotBuilder.ChartSpan.TotalHours;
        Section(html, "signals", "Targets and signals", s.Signals, "No targets or signals yet.",
            string.Create(CultureInfo.InvariantCulture, $"<th>Signal</th><th>State</th><th>Last result</th><th class=\"num\">Errors, 15 min</th><th>Last {hours:0} h, one point per minute</th>"),
            (html, x) =>
        {
            var last = x.LastProbe is { LastRun: { } run } p
                ? $"{E(p.Detail ?? "")}<br><span class=\"muted\">{E(p.Kind)} probe, {Ago(s.GeneratedAt, run)}{(p.Reason is { } r ? $", reason {E(r)}" : "")}</span>"
                : x.LastSeen is { } seen ? $"<span class=\"muted\">{E(x.Kind)}, last data {Ago(s.GeneratedAt, seen)}</span>"
                : x.Reading is { } reading ? $"{E(reading)}<br><span class=\"muted\">gauge, at the last evaluation</span>"
                : "<span class=\"muted\">no data yet</span>";
            var ratio = x.Samples == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{x.ErrorRatio:P0}<br><span class=\"muted\">{x.Failures}/{x.Samples}</span>");
            var alert = x.AlertState is "pending" or "firing" ? $"<br><span class=\"muted\">alert {E(x.AlertState)}</span>" : "";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"signal\" data-signal=\"{E(x.Name)}\" data-state=\"{E(x.State)}\"><td><strong>{E(x.Name)}</strong></td><td><span class=\"badge b-{Css(x.State)}\">{E(x.State)}</span>{alert}</td><td>{last}</td><td class=\"num\">{ratio}</td><td class=\"charts\">");
            if (x.Kind == "gauge")
            {
                // A gauge has no error ratio or latency to chart.
                html.Append("<span class=\"muted\">–</span></td></tr>\n");
                return;
            }

            html.Append("<span class=\"chart-label\">error ratio</span>")
                .Append(SvgChart.ErrorRatio(x.History, s.GeneratedAt, StatusSnapshotBuilder.ChartSpan, $"{x.Name}: error ratio per minute, last {hours:0} hours"))
                .Append("<span class=\"chart-label\">latency (mean per minute)</span>")
                .Append(SvgChart.Latency(x.History, s.GeneratedAt, StatusSnapshotBuilder.ChartSpan, $"{x.Name}: mean latency per minute, last {hours:0} hours"))
                .Append(CultureInfo.InvariantCulture, $"<div class=\"chart-axis\"><span>{hours:0} h ago</span><span>dotted lines: full hours</span><span>now</span></div>")
                .Append("</td></tr>\n");
        });
    }

    private static void Cases(StringBuilder html, StatusSnapshot s) =>
        Section(html, "cases", "Recent support cases", s.Cases, "No cases.",
            "<th>Case</th><th>Kind</th><th>Incident</th><th>State</th><th>When</th>", (html, c) => html.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"case\"><td>{E(c.Id)}</td><td>{(c.Urgent ? "<strong>urgent</strong>" : "standard")}</td><td>{E(c.IncidentId)}</td><td>{E(c.State)}</td><td>{Time(s.GeneratedAt, c.At)}</td></tr>\n"));

    private static void Activity(StringBuilder html, StatusSnapshot s) =>
        Section(html, "activity", "Recent alert changes", s.RecentTransitions, "No alert has changed state since the daemon started.", null,
            (html, t) => html.Append(CultureInfo.InvariantCulture,
                $"<tr><td class=\"num\">{Time(s.GeneratedAt, t.At)}</td><td><span class=\"badge b-{Css(t.Kind)}\">{E(t.Kind)}</span></td><td><strong>{E(t.Rule)}</strong> on {E(t.Signal)} <span class=\"muted\">({E(t.Severity)} · {E(t.Category)})</span><br>{E(t.Summary)}</td></tr>\n"));

    /// <summary>HTML-encodes text for element content and quoted attributes.</summary>
    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A class-name-safe form of a state or severity: letters and dashes only.</summary>
    private static string Css(string value) => new([.. value.Where(c => char.IsAsciiLetterLower(c) || c == '-')]);

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");

    private static string Time(DateTimeOffset now, DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        var format = utc.Date == now.ToUniversalTime().Date ? "HH:mm:ss 'UTC'" : "yyyy-MM-dd HH:mm 'UTC'";
        return E(utc.ToString(format, CultureInfo.InvariantCulture));
    }

    private static string Ago(DateTimeOffset now, DateTimeOffset at)
    {
        var span = now - at;
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span switch
        {
            { TotalSeconds: < 90 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s ago"),
            { TotalMinutes: < 90 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min ago"),
            { TotalHours: < 48 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min ago"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} days ago"),
        };
    }
}
