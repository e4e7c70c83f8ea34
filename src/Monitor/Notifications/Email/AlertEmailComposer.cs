using System.Globalization;
using System.Net;
using System.Text;
using Monitor.Configuration;
using Monitor.Rules.Alerts;
using MimeKit;

namespace Monitor.Notifications.Email;

/// <summary>Turns an alert transition into an e-mail: subject with severity, category, project and target; the figures; threading headers.</summary>
internal sealed class AlertEmailComposer(MonitorOptions options)
{
    public MimeMessage Compose(AlertTransition transition, IEnumerable<string> recipients)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Smtp.From));
        foreach (var recipient in recipients)
        {
            message.To.Add(MailboxAddress.Parse(recipient));
        }

        var state = transition.Kind == TransitionKind.Resolved ? "RESOLVED" : "FIRING";
        var urgent = transition.IsUrgent && transition.Kind != TransitionKind.Resolved ? "URGENT " : "";
        message.Subject = $"[{urgent}{state}] [{transition.Severity.ToName()}] [{transition.Category.ToName()}] {options.Project}: {transition.Rule} on {transition.Signal}";
        message.Date = transition.At;

        // One thread per alert episode: the firing message starts it, later messages reply to it.
        var domain = "monitor." + SafeDomain(options.Project);
        var episode = $"{transition.Fingerprint}.{transition.ActiveSince.ToUnixTimeSeconds()}";
        var first = $"{episode}.firing@{domain}";
        message.MessageId = transition.Kind == TransitionKind.Firing ? first : $"{episode}.{transition.Kind.ToString().ToLowerInvariant()}@{domain}";
        if (transition.Kind != TransitionKind.Firing)
        {
            message.InReplyTo = first;
            message.References.Add(first);
        }

        message.Headers.Add("X-Monitor-Fingerprint", transition.Fingerprint);
        var text = BuildText(transition, state);
        var body = new BodyBuilder
        {
            TextBody = text,
            HtmlBody = "<html><body><pre style=\"font-family:monospace\">" + WebUtility.HtmlEncode(text) + "</pre></body></html>",
        };
        message.Body = body.ToMessageBody();
        return message;
    }

    private string BuildText(AlertTransition t, string state)
    {
        var f = t.Figures;
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"{state}: {t.Rule} on {t.Signal} ({options.Project})");
        text.AppendLine();
        text.AppendLine(culture, $"Severity:  {t.Severity.ToName()}");
        text.AppendLine(culture, $"Category:  {t.Category.ToName()}{(t.IsUrgent ? " (urgent)" : "")}");
        text.AppendLine(culture, $"Since:     {t.ActiveSince:yyyy-MM-dd HH:mm:ss} UTC");
        text.AppendLine(culture, $"At:        {t.At:yyyy-MM-dd HH:mm:ss} UTC");
        text.AppendLine(culture, $"Measured:  {t.Summary}");
        text.AppendLine(culture, $"Error ratio: {f.Value:P1} (threshold {f.Threshold:P1}), {f.Failures} failures of {f.Samples} samples over {Duration.Format(f.Window)}");
        if (f.DistinctRestaurants > 0)
        {
            text.AppendLine(culture, $"Restaurants affected: {f.DistinctRestaurants} ({string.Join(", ", f.AffectedRestaurants)})");
        }

        foreach (var (type, count) in f.TopErrorTypes)
        {
            text.AppendLine(culture, $"  {type}: {count}");
        }

        text.AppendLine();
        text.AppendLine(culture, $"Status page: {options.Web.PublicUrl ?? options.Web.Listen}/");
        text.AppendLine(culture, $"Fingerprint: {t.Fingerprint}");
        return text.ToString();
    }

    private static string SafeDomain(string project) =>
        new([.. project.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-')]);
}
