using System.Globalization;

namespace Monitor.Probes.Feed;

/// <summary>The human summary of a report: a table per type, freshness, drops, samples and the verdict.</summary>
internal static class FeedReportText
{
    public static void Write(TextWriter w, FeedReport r, FeedVerdict verdict)
    {
        var c = CultureInfo.InvariantCulture;
        var seconds = Math.Max(r.Duration.TotalSeconds, 1e-9);
        w.WriteLine(string.Create(c,
            $"Feed {r.Source}: {r.Files} file(s), {r.Bytes / 1e6:F1} MB, {r.Lines} lines in {r.Duration.TotalSeconds:F2} s ({r.Bytes / 1e6 / seconds:F0} MB/s)"));
        if (r.FeedTime is { } ft)
        {
            w.WriteLine(string.Create(c, $"Feed time: {ft:yyyy-MM-ddTHH:mm:ssK} from {r.FeedTimeSource}, age {FormatAge(r.FeedAge!.Value)}"));
        }

        w.WriteLine();
        w.WriteLine(string.Create(c, $"{"Type",-16}{"Entities",14}{"Invalid",12}{"Error rate",12}  Errors (entities per code)"));
        foreach (var t in r.Types.Where(t => t.Entities > 0 || t.Invalid > 0))
        {
            var reasons = string.Join(", ", t.InvalidByReason.Select(kv => $"{kv.Key} {kv.Value}"));
            w.WriteLine(string.Create(c, $"{t.Type,-16}{t.Entities,14}{t.Invalid,12}{t.ErrorRate,12:P1}  {reasons}"));
        }

        w.WriteLine(string.Create(c, $"{"Total",-16}{r.Entities,14}{r.Invalid,12}"));
        w.WriteLine();
        w.WriteLine(string.Create(c, $"Stale entities (dateModified older than the limit): {r.StaleEntities} ({r.StaleShare:P2})"));
        w.WriteLine(r.RestaurantsDropped is { } d
            ? string.Create(c, $"Restaurants gone since the previous run: {d}")
            : "Restaurants gone since the previous run: no previous run");

        foreach (var note in r.Notes)
        {
            w.WriteLine($"Note: {note}");
        }

        foreach (var issue in r.FileIssues)
        {
            w.WriteLine($"File problem: {issue.File}: {issue.Reason} ({issue.Detail})");
        }

        if (r.Codes.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("Problems by code:");
            foreach (var code in r.Codes)
            {
                var severity = code.Warning ? "warning" : "error";
                w.WriteLine(string.Create(c, $"  {code.Code} ({severity}, {code.Count}): {code.Description}"));
                foreach (var s in code.Samples)
                {
                    w.WriteLine("    " + Where(s));
                }
            }
        }

        w.WriteLine();
        if (!verdict.Crossed)
        {
            w.WriteLine("OK: Google's feed alerts would not fire.");
            return;
        }

        w.WriteLine("FAIL: Google's feed alerts would fire:");
        foreach (var b in verdict.Breaches)
        {
            w.WriteLine($"  - {b}");
        }
    }

    /// <summary><c>FILE:LINE: TYPE @id PATH  EXCERPT</c>, each part only when known.</summary>
    internal static string Where(FeedSampleError s)
    {
        var id = s.Id is null ? "" : $" {s.Id}";
        var field = s.Field is null ? "" : $" [{s.Field}]";
        var excerpt = s.Excerpt is null ? "" : $"  {s.Excerpt}";
        return string.Create(CultureInfo.InvariantCulture, $"{s.File}:{s.Line}: {s.Type}{id}{field}{excerpt}");
    }

    private static string FormatAge(TimeSpan age) =>
        age.TotalHours >= 48
            ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalDays:F1} d")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours} h {age.Minutes} min");
}
