using Monitor.Rules.Incidents;
using Monitor.Alerting;
using System.Globalization;
using System.Text;
using Monitor.Configuration;
using Monitor.Incidents.Messages;
using Monitor.Notifications.Outbox;
using Monitor.Rules.Alerts;
using Monitor.Storage;

namespace Monitor.Incidents.Cases;

/// <summary>
/// The evidence of a case, ready to paste into the partner portal: one problem, its category, what is
/// broken and since when, the figures, the affected restaurants and the timeline. Written as Markdown and
/// JSON under <c>&lt;dataDirectory&gt;/cases</c>, mailed to the support address and posted to the webhook.
/// Every text passes the secret redactor.
/// </summary>
internal sealed class CaseEvidence(ProjectIdentity project, CasesOptions options, SecretRedactor redactor, IncidentDetails details)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public const string UrgentCategory = "Urgent technical support";

    public const string StandardCategory = "Technical support";

    public static string BundleDirectory(CaseRecord c, IncidentRecord i) => $"cases/{c.DisplayId}-{i.DisplayId}";

    public string Title(IncidentRecord i)
    {
        var what = i.Problem is { } problem ? details.ProblemTitle(problem) : i.Signal;
        return i.Category switch
        {
            AlertCategory.IntegrationDown => $"{project.Name}: the integration does not work ({what})",
            AlertCategory.MerchantsCannotServe => $"{project.Name}: most merchants cannot serve ({what})",
            AlertCategory.OrdersBlocked => $"{project.Name}: orders are blocked for users ({what})",
            _ => i.Problem is null ? $"{project.Name}: {i.Rule} on {i.Signal}" : $"{project.Name}: {what}: {i.Rule} on {i.Signal}",
        };
    }

    /// <summary>The timeline as support sees it: without the lines that name internal contact addresses.</summary>
    private static IEnumerable<IncidentEvent> ForSupport(IReadOnlyList<IncidentEvent> timeline) => timeline.Where(e => e.Kind != "notified");

    public string Markdown(CaseRecord c, IncidentRecord i, IReadOnlyList<IncidentMember> members, IReadOnlyList<IncidentEvent> timeline)
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant, $"# {c.Title}");
        md.AppendLine();
        md.AppendLine(Invariant, $"- **Category:** {c.Category}");
        md.AppendLine(Invariant, $"- **Case:** {c.DisplayId} ({Status(c)})");
        md.AppendLine(Invariant, $"- **Incident:** {i.DisplayId}, severity {i.Severity.ToName()}, {i.Category.ToName()}");
        md.AppendLine(Invariant, $"- **Project:** {project.Name}");
        if (project.PartnerId.Length > 0)
        {
            md.AppendLine(Invariant, $"- **Partner id:** {project.PartnerId}");
        }

        if (options.Contact.Length > 0)
        {
            md.AppendLine(Invariant, $"- **Contact:** {options.Contact}");
        }

        if (i.Problem is { } problem)
        {
            md.AppendLine(Invariant, $"- **Problem:** {details.ProblemTitle(problem)}");
        }

        md.AppendLine(Invariant, $"- **Broken since:** {i.Since:yyyy-MM-dd HH:mm:ss} UTC");
        if (i.ResolvedAt is { } resolved)
        {
            md.AppendLine(Invariant, $"- **Resolved at:** {resolved:yyyy-MM-dd HH:mm:ss} UTC");
        }

        md.AppendLine();
        md.AppendLine("## What is broken");
        md.AppendLine();
        foreach (var m in members.DefaultIfEmpty(new IncidentMember(i.Id, i.Fingerprint, i.Rule, i.Signal, i.Severity, true, i.Since, i.UpdatedAt) { Summary = i.Summary }))
        {
            md.AppendLine(Invariant, $"- `{m.Rule}` on `{m.Signal}`: {(m.Inhibited ? "explained by another alert" : m.Firing ? "failing" : "recovered")} since {m.Since:yyyy-MM-dd HH:mm:ss} UTC: {m.Summary}");
        }

        var restaurants = details.AffectedRestaurants(i, members);
        md.AppendLine();
        md.AppendLine(Invariant, $"Affected restaurants: {(restaurants.Count == 0 ? "none named by the evidence" : string.Join(", ", restaurants))}");

        md.AppendLine();
        md.AppendLine(Invariant, $"Latest measurement: {i.Summary}");
        if (IncidentFigures.Parse(i.FiguresJson) is { } f)
        {
            md.AppendLine();
            md.AppendLine("## Evidence");
            md.AppendLine();
            foreach (var line in IncidentEmailComposer.FigureLines(f))
            {
                md.AppendLine(Invariant, $"- {line}");
            }

            if (f.AffectedRestaurants.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("Affected restaurants (sample):");
                md.AppendLine();
                foreach (var r in f.AffectedRestaurants)
                {
                    md.AppendLine(Invariant, $"- {r}");
                }
            }
        }

        var failing = details.Samples(i, members, FailureSamples.PerSignal);
        if (failing.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Sample failing requests");
            md.AppendLine();
            foreach (var x in failing)
            {
                md.AppendLine(Invariant, $"- {x.At:yyyy-MM-dd HH:mm:ss} `{x.Signal}`{Part("reason", x.Reason)}{Part("error", x.ErrorType)}{Part("restaurant", x.RestaurantId)}, {x.LatencyMs:0} ms{(x.Detail is null ? "" : ": " + x.Detail)}");
            }
        }

        md.AppendLine();
        md.AppendLine("## Timeline (UTC)");
        md.AppendLine();
        foreach (var e in ForSupport(timeline))
        {
            md.AppendLine(Invariant, $"- {e.At:yyyy-MM-dd HH:mm:ss} {e.Text}");
        }

        return redactor.Redact(md.ToString());
    }

    public string Json(CaseRecord c, IncidentRecord i, IReadOnlyList<IncidentMember> members, IReadOnlyList<IncidentEvent> timeline, string idempotencyKey)
    {
        var document = new CaseDocument(
            idempotencyKey,
            new CaseDocumentCase(c.DisplayId, c.Kind.ToName(), c.Category, c.Title, Status(c), c.CreatedAt, c.SubmittedAt, c.ResolvedAt, c.BundlePath),
            new CaseDocumentIncident(
                i.DisplayId, project.Name, project.PartnerId, options.Contact, i.Problem, details.AffectedRestaurants(i, members),
                i.Rule, i.Signal, i.Severity.ToName(), i.Category.ToName(), i.Urgent, i.Since, i.ResolvedAt, i.Summary,
                IncidentFigures.Parse(i.FiguresJson),
                members.Select(m => new CaseDocumentAlert(
                    m.Rule, m.Signal, m.Severity.ToName(), m.Category.ToName(), m.Firing, m.Inhibited, m.Since, m.Summary,
                    IncidentFigures.Parse(m.FiguresJson)))),
            details.Samples(i, members, FailureSamples.PerSignal).Select(f => new CaseDocumentSample(
                f.At, f.Signal, f.Reason, f.ErrorType, f.RestaurantId, Math.Round(f.LatencyMs), f.Detail)),
            ForSupport(timeline).Select(e => new CaseDocumentEvent(e.At, e.Kind, e.Text)),
            project.StatusUrl);
        return redactor.Redact(System.Text.Json.JsonSerializer.Serialize(document, CaseDocumentJson.Default.CaseDocument));
    }

    private static string Part(string name, string? value) => value is null ? "" : $", {name} {value}";

    public static string Status(CaseRecord c) => c.Status.ToString().ToLowerInvariant();
}
