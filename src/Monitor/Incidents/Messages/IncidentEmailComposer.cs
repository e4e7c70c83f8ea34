using System.Globalization;
using System.Net;
using System.Text;
using Monitor.Configuration;
using Monitor.Rules.Alerts;
using Monitor.Rules.Incidents;
using Monitor.Storage;

namespace Monitor.Incidents.Messages;

/// <summary>What an incident e-mail is about.</summary>
/// <param name="Kind"><c>firing</c>, <c>reopened</c>, <c>reminder</c>, <c>escalation</c>, <c>acknowledged</c> or <c>resolved</c>.</param>
/// <param name="Incident">The incident, as it is after the change.</param>
/// <param name="Members">Its alerts.</param>
/// <param name="Timeline">Its timeline.</param>
/// <param name="Case">Its case, if any.</param>
/// <param name="AckUrl">The signed acknowledgement link, when acknowledging still makes sense.</param>
/// <param name="At">When the message is written.</param>
internal sealed record IncidentNotice(
    NoticeKind Kind,
    IncidentRecord Incident,
    IReadOnlyList<IncidentMember> Members,
    IReadOnlyList<IncidentEvent> Timeline,
    CaseRecord? Case,
    string? AckUrl,
    DateTimeOffset At);

/// <summary>A rendered e-mail body.</summary>
internal sealed record RenderedEmail(string Subject, string Text, string Html);

/// <summary>
/// Renders incident e-mails in plain text and HTML: a subject with severity, category, project and target;
/// the figures that fired (ratio, counts, window, top error types, affected restaurants); the timeline;
/// the status-page and acknowledgement links.
/// </summary>
internal sealed class IncidentEmailComposer(ProjectIdentity project, SecretRedactor redactor, IncidentDetails details)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public RenderedEmail Compose(IncidentNotice notice)
    {
        var i = notice.Incident;
        var label = notice.Kind switch
        {
            NoticeKind.Firing => i.Urgent ? "URGENT FIRING" : "FIRING",
            NoticeKind.Reopened => i.Urgent ? "URGENT BROKEN AGAIN" : "BROKEN AGAIN",
            NoticeKind.Escalated => i.Urgent ? "NOW URGENT" : "WORSE",
            NoticeKind.Reminder => "REMINDER",
            NoticeKind.LevelTwo => "ESCALATED",
            NoticeKind.Acknowledged => "ACKNOWLEDGED",
            _ => "RESOLVED",
        };
        var others = notice.Members.Count(m => m.Fingerprint != i.Fingerprint);
        var subject = $"[{label}] [{i.Severity.ToName()}] [{i.Category.ToName()}] {project.Name}: {i.Rule} on {i.Signal}"
            + (others > 0 ? string.Create(Invariant, $" (+{others} more alert{(others == 1 ? "" : "s")})") : "");
        var figures = IncidentFigures.Parse(i.FiguresJson);
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"{label}: {i.Rule} on {i.Signal} ({project.Name}, {i.DisplayId})");
        text.AppendLine();
        text.AppendLine(Invariant, $"{Lead(notice)}");
        text.AppendLine();
        foreach (var (name, value) in Facts(notice))
        {
            text.AppendLine(Invariant, $"{(name + ":").PadRight(Math.Max(11, name.Length + 3))}{value}");
        }

        if (figures is not null)
        {
            text.AppendLine();
            text.AppendLine("Figures");
            foreach (var line in FigureLines(figures))
            {
                text.AppendLine(Invariant, $"  {line}");
            }
        }

        foreach (var (heading, lines) in details.Sections(i, notice.Members))
        {
            text.AppendLine();
            text.AppendLine(heading);
            foreach (var line in lines)
            {
                text.AppendLine(Invariant, $"  {line}");
            }
        }

        text.AppendLine();
        text.AppendLine("Timeline (UTC)");
        foreach (var e in notice.Timeline.TakeLast(20))
        {
            text.AppendLine(Invariant, $"  {e.At:yyyy-MM-dd HH:mm:ss}  {e.Text}");
        }

        text.AppendLine();
        text.AppendLine(Invariant, $"Status page: {project.StatusUrl}");
        if (notice.AckUrl is not null)
        {
            text.AppendLine(Invariant, $"Acknowledge: {notice.AckUrl}");
            text.AppendLine(Invariant, $"  (or run: monitor ack {i.DisplayId})");
        }

        var html = Html(notice, label, figures);
        return new RenderedEmail(redactor.Redact(subject), redactor.Redact(text.ToString()), redactor.Redact(html));
    }

    /// <summary>The figures as lines, shared with digests and case bundles.</summary>
    public static IEnumerable<string> FigureLines(IncidentFigures f)
    {
        var window = Duration.Format(TimeSpan.FromSeconds(f.WindowSeconds));
        if (f.Samples > 0)
        {
            yield return string.Create(Invariant, $"Error ratio: {(double)f.Failures / f.Samples:P1}, {f.Failures} failures of {f.Samples} samples over {window}");
        }

        yield return string.Create(Invariant, $"Measured value: {f.Value:0.###} (threshold {f.Threshold:0.###})");
        if (f.Baseline is { } baseline)
        {
            yield return string.Create(Invariant, $"Baseline: {baseline:0.###}");
        }

        if (f.Current is { } current)
        {
            yield return string.Create(Invariant, $"Current level: {current:0.###}");
        }

        if (f.DistinctRestaurants > 0)
        {
            yield return string.Create(Invariant, $"Restaurants affected: {f.DistinctRestaurants} ({string.Join(", ", f.AffectedRestaurants)})");
        }

        foreach (var e in f.TopErrorTypes)
        {
            yield return string.Create(Invariant, $"Error {e.Type}: {e.Count}");
        }
    }

    private static string Lead(IncidentNotice n) => n.Kind switch
    {
        NoticeKind.Firing => n.Incident.Urgent ? "An urgent problem started. Act now." : "A problem started.",
        NoticeKind.Reopened => $"The problem is broken again (episode {n.Incident.Reopened + 1}); it is the same incident.",
        NoticeKind.Escalated => n.Incident.Urgent
            ? $"A worse alert joined this incident: it is now urgent ({n.Incident.Category.ToName()}). Act now."
            : $"A worse alert joined this incident: it is now {n.Incident.Severity.ToName()}.",
        NoticeKind.Reminder => "Still firing and not acknowledged.",
        NoticeKind.LevelTwo => "Still firing and not acknowledged: escalated to level 2.",
        NoticeKind.Acknowledged => $"Acknowledged by {n.Incident.AcknowledgedBy}: reminders and escalation stop.",
        _ => "The problem is resolved.",
    };

    private IEnumerable<(string, string)> Facts(IncidentNotice n)
    {
        var i = n.Incident;
        yield return ("Incident", i.DisplayId);
        yield return ("Severity", i.Severity.ToName());
        yield return ("Category", i.Category.ToName() + (i.Urgent ? " (urgent)" : ""));
        yield return ("Project", project.Name);
        if (i.Problem is { } problem)
        {
            yield return ("Problem", details.ProblemTitle(problem));
        }

        yield return ("Target", i.Signal);
        yield return ("Rule", string.Join(", ", n.Members.Select(m => m.Rule).DefaultIfEmpty(i.Rule).Distinct(StringComparer.Ordinal)));
        yield return ("Since", i.Since.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Invariant));
        if (i.ResolvedAt is { } resolved)
        {
            yield return ("Resolved", resolved.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Invariant) + $" (lasted {Duration.Format(TimeSpan.FromSeconds(Math.Round((resolved - i.Since).TotalSeconds)))})");
        }

        if (i.Acknowledged && n.Kind != NoticeKind.Acknowledged)
        {
            yield return ("Acknowledged", $"{i.AcknowledgedAt:yyyy-MM-dd HH:mm:ss} UTC by {i.AcknowledgedBy}");
        }

        yield return ("Measured", i.Summary);
        if (n.Case is { } c)
        {
            yield return ("Case", CaseLine(c));
        }
    }

    public static string CaseLine(CaseRecord c) => c.Status switch
    {
        CaseStatus.Pending => string.Create(Invariant, $"{c.DisplayId} ({c.Category}) to be submitted at {c.DueAt:yyyy-MM-dd HH:mm} UTC")
            + (c.Kind == CaseKind.Urgent ? " unless acknowledged or resolved before" : " (next business hour)"),
        CaseStatus.Drafted => $"{c.DisplayId} ({c.Category}) drafted, not sent: evidence in {c.BundlePath}",
        CaseStatus.Submitted => string.Create(Invariant, $"{c.DisplayId} ({c.Category}) submitted at {c.SubmittedAt:yyyy-MM-dd HH:mm} UTC; evidence in {c.BundlePath}"),
        CaseStatus.Resolved => $"{c.DisplayId} ({c.Category}) resolved",
        _ => $"{c.DisplayId} ({c.Category}) cancelled: not needed",
    };

    private string Html(IncidentNotice n, string label, IncidentFigures? figures)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var i = n.Incident;
        var color = n.Kind switch
        {
            NoticeKind.Resolved => "#1e7e34",
            NoticeKind.Acknowledged => "#555555",
            _ => i.Severity >= Severity.Critical ? "#b00020" : i.Severity == Severity.Major ? "#c05600" : "#8a6d00",
        };
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222\">");
        html.Append(Invariant, $"<h2 style=\"color:{color};margin:0 0 8px\">{E(label)}: {E(i.Rule)} on {E(i.Signal)}</h2>");
        html.Append(Invariant, $"<p>{E(Lead(n))}</p>");
        html.Append("<table style=\"border-collapse:collapse\">");
        foreach (var (name, value) in Facts(n))
        {
            html.Append(Invariant, $"<tr><th style=\"text-align:left;padding:2px 12px 2px 0\">{E(name)}</th><td>{E(value)}</td></tr>");
        }

        html.Append("</table>");
        if (figures is not null)
        {
            html.Append("<h3>Figures</h3><ul>");
            foreach (var line in FigureLines(figures))
            {
                html.Append(Invariant, $"<li>{E(line)}</li>");
            }

            html.Append("</ul>");
        }

        foreach (var (heading, lines) in details.Sections(i, n.Members))
        {
            html.Append(Invariant, $"<h3>{E(heading)}</h3><ul>");
            foreach (var line in lines)
            {
                html.Append(Invariant, $"<li>{E(line)}</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<h3>Timeline (UTC)</h3><table style=\"border-collapse:collapse\">");
        foreach (var e in n.Timeline.TakeLast(20))
        {
            html.Append(Invariant, $"<tr><td style=\"padding:2px 12px 2px 0;white-space:nowrap\">{e.At:yyyy-MM-dd HH:mm:ss}</td><td>{E(e.Text)}</td></tr>");
        }

        html.Append("</table><p>");
        html.Append(Invariant, $"<a href=\"{E(project.StatusUrl)}\">Status page</a>");
        if (n.AckUrl is not null)
        {
            html.Append(Invariant, $" &middot; <a href=\"{E(n.AckUrl)}\"><b>Acknowledge {E(i.DisplayId)}</b></a>");
        }

        html.Append("</p></body></html>");
        return html.ToString();
    }
}
