using System.Globalization;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Google;

namespace Monitor.Replay;

/// <summary>The replay's report for a person: the input, the timeline, the leads over Google, incidents and cases.</summary>
internal static class ReplayText
{
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Span(TimeSpan span) => Durations.Format(span);

    public static string KindName(TransitionKind kind) => kind switch
    {
        TransitionKind.Pending => "pending",
        TransitionKind.Firing => "firing",
        TransitionKind.Resolved => "resolved",
        _ => "cancelled",
    };

    public static string Describe(AlertTransition t) => string.Create(CultureInfo.InvariantCulture,
        $"{t.Rule} on {t.Signal} ({t.Severity.ToName()}, {t.Category.ToName()}{(t.IsUrgent ? ", urgent" : "")}): {t.Summary}");

    public static string Describe(GoogleAlertChange c) => string.Create(CultureInfo.InvariantCulture,
        $"Google's {c.Alert.Name} alert {(c.Firing ? "fires" : "stops")}: {c.Errors} errors of {c.Samples} over 30m, {c.Restaurants} restaurants");

    public static void Write(TextWriter output, ReplayResult result)
    {
        var input = result.Input;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replay: {input.Replayed} outcomes replayed of {input.Lines} lines ({input.Malformed} malformed, {input.OutOfOrder} out of order, {input.OutsideRange} outside --from/--to)"));
        if (input.First is { } first && input.Last is { } last)
        {
            output.WriteLine($"traffic from {Time(first)} to {Time(last)}");
        }

        output.WriteLine();
        output.WriteLine("Timeline");
        if (result.Timeline.Count == 0)
        {
            output.WriteLine("  nothing would have fired");
        }

        foreach (var e in result.Timeline)
        {
            output.WriteLine($"  {Time(e.At)}  {e.Kind,-12} {e.Text}");
        }

        output.WriteLine();
        output.WriteLine("Google's alerts");
        foreach (var (alert, at) in result.Google)
        {
            output.WriteLine($"  {alert.Name,-20} {(at is { } fires ? "fires at " + Time(fires) : "never fires")}");
        }

        output.WriteLine();
        output.WriteLine("Urgent alerts against Google's");
        if (result.Leads.Count == 0)
        {
            output.WriteLine("  no urgent alert fired");
        }

        foreach (var lead in result.Leads)
        {
            var versus = lead.Lead is { } span
                ? span >= TimeSpan.Zero ? $"{Span(span)} before Google's {lead.Google.Name} alert" : $"{Span(-span)} after Google's {lead.Google.Name} alert"
                : $"Google's {lead.Google.Name} alert never fires";
            output.WriteLine($"  {lead.Rule} on {lead.Signal} fired at {Time(lead.FiredAt)}: {versus}");
        }

        output.WriteLine();
        output.WriteLine($"Incidents: {result.Incidents.Count}, cases: {result.Cases.Count(c => c.Kind == "urgent")} urgent, {result.Cases.Count(c => c.Kind == "standard")} standard");
        foreach (var i in result.Incidents)
        {
            var told = i.UrgentAt is { } urgentAt && urgentAt > i.OpenedAt && i.Notify != "emergency"
                ? $"{Told(i.Notify)} at {Time(i.OpenedAt)}, emergency contacts at {Time(urgentAt)}"
                : $"{Told(i.Notify)} at {Time(i.OpenedAt)}";
            output.WriteLine($"  {i.Id} {i.Problem}: {(i.Urgent ? "urgent" : i.Severity.ToName())} {i.Category.ToName()}, {told}, {(i.ResolvedAt is { } r ? "resolved " + Time(r) : "still open")}");
        }
    }

    /// <summary>Who an incident's first notice goes to, in words.</summary>
    public static string Told(string notify) => notify switch
    {
        "emergency" => "emergency contacts told",
        "technical" => "technical contacts told",
        "digest" => "in the digest",
        _ => "nobody told",
    };

    public static void WriteProblems(TextWriter error, ReplayResult result, int shown)
    {
        foreach (var p in result.Problems.Take(shown))
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Source}:{p.Line}: {p.Kind}: {p.Message}"));
        }

        var total = result.Input.Malformed + result.Input.OutOfOrder;
        if (total > shown)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"... and {total - shown} more refused lines"));
        }
    }
}
