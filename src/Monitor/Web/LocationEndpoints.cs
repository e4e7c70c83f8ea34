using System.Globalization;
using System.Net;
using System.Text;
using Monitor.Configuration;
using Monitor.Ingest.Agents;
using Monitor.Metrics;

namespace Monitor.Web;

/// <summary>
/// <c>/api/v1/locations</c> and <c>/locations</c>: every target from every location (last result, reason, age) and
/// every agent (last report, clock skew, drops, stale). Names and figures only: no URLs, no tokens.
/// </summary>
internal static class LocationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // Declared IResult: the request delegate generator does not see StatusJson's generated members, so it could not infer it.
        app.MapGet("/api/v1/locations", IResult (MonitorOptions options, LocationBoard board, TimeProvider time) =>
            Results.Json(Build(options, board, time.GetUtcNow()), StatusJson.Default.LocationsView));
        app.MapGet("/locations", (HttpContext context, MonitorOptions options, LocationBoard board, TimeProvider time) =>
        {
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(Render(Build(options, board, time.GetUtcNow())), "text/html; charset=utf-8");
        });
    }

    public static LocationsView Build(MonitorOptions options, LocationBoard board, DateTimeOffset now)
    {
        var staleAgent = Duration.Parse(options.Agents.StaleAfter);
        var locations = AgentsOptionsValidator.AllLocations(options);
        var targets = options.Targets.Http.Select(t => t.Name).Concat(options.Targets.Feeds.Select(f => f.Name)).ToList();
        var targetViews = targets.Select(target =>
        {
            var staleAfter = AgentsExtensions.StaleAfter(target, options);
            return new TargetLocationsView(target, [.. locations.Select(location =>
            {
                var last = board.Last(target, location);
                var at = last is null ? (DateTimeOffset?)null : last.StartedAt + last.Duration;
                var age = at is { } a ? Math.Round((now - a).TotalSeconds, 1) : (double?)null;
                var state = last is null ? "unknown" : now - at > staleAfter ? "stale" : last.Success ? "up" : "down";
                return new LocationResultView(location, state, at, age, last?.Reason, last?.Detail, last?.StatusCode);
            })]);
        }).ToList();
        var agents = options.Agents.Locations.Select(l =>
        {
            var s = board.Agent(l.Name);
            var age = s is null ? (double?)null : Math.Round((now - s.LastReport).TotalSeconds, 1);
            return new AgentView(l.Name, s is null || now - s.LastReport > staleAgent, s?.LastReport, age, s?.ClockSkewSeconds,
                s?.Accepted ?? 0, s?.Refused ?? 0, s?.Dropped ?? 0, s?.Gaps ?? 0);
        }).ToList();
        return new LocationsView(now, options.Location, locations, targetViews, agents);
    }

    private static string Render(LocationsView view)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"15\"><title>Locations</title>")
            .Append("<style>body{font:14px system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}")
            .Append(".up{background:#e6f4ea}.down{background:#fce8e6}.stale,.unknown{background:#f1f3f4}</style></head><body>")
            .Append("<h1>Targets by location</h1><p><a href=\"/\">Status page</a> · this daemon is <b>").Append(E(view.Self)).Append("</b></p>")
            .Append("<table><thead><tr><th>Target</th>");
        foreach (var location in view.Locations)
        {
            html.Append("<th>").Append(E(location)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var target in view.Targets)
        {
            html.Append("<tr><th>").Append(E(target.Target)).Append("</th>");
            foreach (var l in target.Locations)
            {
                html.Append("<td class=\"").Append(l.State).Append("\">").Append(l.State);
                if (l.Reason is not null)
                {
                    html.Append(" (").Append(E(l.Reason)).Append(')');
                }

                if (l.AgeSeconds is { } age)
                {
                    html.Append(CultureInfo.InvariantCulture, $", {age:0} s ago");
                }

                html.Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table><h2>Agents</h2><table><thead><tr><th>Location</th><th>State</th><th>Last report</th><th>Clock skew</th><th>Accepted</th><th>Refused</th><th>Dropped</th></tr></thead><tbody>");
        foreach (var a in view.Agents)
        {
            html.Append("<tr><th>").Append(E(a.Location)).Append("</th><td class=\"").Append(a.Stale ? "stale\">stale" : "up\">reporting").Append("</td><td>")
                .Append(a.AgeSeconds is { } age ? string.Create(CultureInfo.InvariantCulture, $"{age:0} s ago") : "never").Append("</td><td>")
                .Append(a.ClockSkewSeconds is { } skew ? string.Create(CultureInfo.InvariantCulture, $"{skew:+0.0;-0.0;0} s") : "").Append("</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{a.Accepted}</td><td>{a.Refused}</td><td>{a.Dropped}</td></tr>");
        }

        return html.Append("</tbody></table></body></html>").ToString();
    }
}

/// <summary>The JSON of <c>/api/v1/locations</c>.</summary>
internal sealed record LocationsView(DateTimeOffset GeneratedAt, string Self, IReadOnlyList<string> Locations, IReadOnlyList<TargetLocationsView> Targets, IReadOnlyList<AgentView> Agents);

internal sealed record TargetLocationsView(string Target, IReadOnlyList<LocationResultView> Locations);

/// <summary>One target from one location: <c>state</c> is <c>up</c>, <c>down</c>, <c>stale</c> (no result within its stale limit) or <c>unknown</c> (none yet).</summary>
internal sealed record LocationResultView(string Location, string State, DateTimeOffset? LastResult, double? AgeSeconds, string? Reason, string? Detail, int? StatusCode);

internal sealed record AgentView(string Location, bool Stale, DateTimeOffset? LastReport, double? AgeSeconds, double? ClockSkewSeconds, long Accepted, long Refused, long Dropped, long Gaps);
