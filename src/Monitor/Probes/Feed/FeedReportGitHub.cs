using System.Globalization;
using System.Text;

namespace Monitor.Probes.Feed;

/// <summary>
/// GitHub Actions workflow commands: one <c>::error</c> or <c>::warning</c> annotation per sampled
/// problem, on its file and line, and a closing notice with the verdict.
/// </summary>
internal static class FeedReportGitHub
{
    public static void Write(TextWriter w, FeedReport r, FeedVerdict verdict)
    {
        foreach (var code in r.Codes)
        {
            var level = code.Warning ? "warning" : "error";
            foreach (var s in code.Samples)
            {
                var what = new StringBuilder(s.Type);
                if (s.Id is not null)
                {
                    what.Append(" @id ").Append(s.Id);
                }

                if (s.Field is not null)
                {
                    what.Append(", ").Append(s.Field);
                }

                what.Append(": ").Append(code.Description);
                var more = code.Count > code.Samples.Count
                    ? string.Create(CultureInfo.InvariantCulture, $" ({code.Count} in all)")
                    : "";
                w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"::{level} file={Property(s.File)},line={s.Line},title={Property(code.Code)}::{Data(what + more)}"));
            }
        }

        foreach (var issue in r.FileIssues)
        {
            w.WriteLine($"::error file={Property(issue.File)},title={Property(issue.Reason)}::{Data(issue.Detail)}");
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{r.Entities} entities, {r.Invalid} invalid, {r.Warned} with warnings, stale share {r.StaleShare:P2}");
        w.WriteLine(verdict.Crossed
            ? $"::error title=feed alerts would fire::{Data(summary + "; " + string.Join("; ", verdict.Breaches))}"
            : $"::notice title=feed alerts would not fire::{Data(summary)}");
    }

    // The escapes GitHub's workflow command parser undoes.
    private static string Data(string s) => s.Replace("%", "%25", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string s) => Data(s).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
