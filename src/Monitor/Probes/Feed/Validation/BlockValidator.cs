using System.Text;
using System.Text.Unicode;

namespace Monitor.Probes.Feed.Validation;

/// <summary>Validates every line of a block; pure, so blocks can be validated in parallel.</summary>
internal static class BlockValidator
{
    private const int ExcerptBytes = 160;

    /// <param name="block">The lines.</param>
    /// <param name="staleBeforeUtcTicks">A <c>dateModified</c> before this is stale.</param>
    /// <param name="maxEvidence">Issues of each code given evidence (path, id, excerpt), the first ones of the block.</param>
    /// <returns>The result, which owns the block from now on: the tally reads ids from it, and disposing the result returns it.</returns>
    public static BlockResult Validate(FeedBlock block, long staleBeforeUtcTicks, int maxEvidence)
    {
        var data = block.Data;
        var result = new BlockResult(data.Length / 128) { Block = block };
        Span<int> evidenced = stackalloc int[FeedErrors.Count];
        if (block.Oversize)
        {
            ref var rec = ref result.Add();
            rec.Line = 1;
            rec.Bytes = data.Length;
            rec.Type = LineScanner.SniffType(data, out _);
            Oversize(result, ref rec);
            result.LineCount = 1;
            Evidence(result, ref rec, data, maxEvidence, evidenced);
            return result;
        }

        // One vectorised pass over the block; lines are checked one by one only when it fails.
        var allUtf8 = Utf8.IsValid(data);
        var dates = default(DateCache);
        var line = 0;
        while (!data.IsEmpty)
        {
            var start = block.Length - data.Length;
            var nl = data.IndexOf((byte)'\n');
            var text = nl < 0 ? data : data[..nl];
            data = nl < 0 ? default : data[(nl + 1)..];
            line++;
            if (!text.IsEmpty && text[^1] == (byte)'\r')
            {
                text = text[..^1];
            }

            if (text.IsEmpty || text.IndexOfAnyExcept(" \t"u8) < 0)
            {
                continue;
            }

            ref var rec = ref result.Add();
            rec.Line = line;
            rec.Offset = start;
            rec.Bytes = text.Length;
            if (text.Length > FeedLimits.MaxEntityBytes)
            {
                rec.Type = LineScanner.SniffType(text, out _);
                Oversize(result, ref rec);
            }
            else
            {
                LineScanner.Scan(text, staleBeforeUtcTicks, ref rec, result.Issues, result.ExtraRefs, ref dates);
                if (!allUtf8 && (rec.Codes & FeedErrors.Bit(FeedError.BadUtf8)) == 0 && !Utf8.IsValid(text))
                {
                    result.Issues.Add(new FeedIssue(FeedError.BadUtf8, null));
                    rec.IssueCount++;
                    rec.Codes |= FeedErrors.Bit(FeedError.BadUtf8);
                    rec.Error = rec.Error == FeedError.None ? FeedError.BadUtf8 : rec.Error;
                }
            }

            if (rec.IssueCount > 0)
            {
                Evidence(result, ref rec, text, maxEvidence, evidenced);
            }
        }

        result.LineCount = line;
        return result;
    }

    private static void Oversize(BlockResult result, ref LineRecord rec)
    {
        rec.IssueStart = result.Issues.Count;
        rec.IssueCount = 1;
        rec.Error = FeedError.EntityTooLarge;
        rec.Codes = FeedErrors.Bit(FeedError.EntityTooLarge);
        result.Issues.Add(new FeedIssue(FeedError.EntityTooLarge, null));
    }

    private static void Evidence(BlockResult result, ref LineRecord rec, ReadOnlySpan<byte> text, int maxEvidence, Span<int> evidenced)
    {
        string? excerpt = null;
        string? id = null;
        for (var i = rec.IssueStart; i < rec.IssueStart + rec.IssueCount; i++)
        {
            var issue = result.Issues[i];
            if (evidenced[(int)issue.Code]++ >= maxEvidence)
            {
                continue;
            }

            excerpt ??= Excerpt(text);
            if (id is null && rec.IdLength > 0 && rec.IdStart + rec.IdLength <= text.Length)
            {
                id = Clean(Encoding.UTF8.GetString(text.Slice(rec.IdStart, rec.IdLength)));
            }

            var path = issue.Property
                ?? (issue.NameLength > 0 && issue.NameStart + issue.NameLength <= text.Length
                    ? Clean(Encoding.UTF8.GetString(text.Slice(issue.NameStart, issue.NameLength)))
                    : null);
            if (path is not null && issue.Sub is not null)
            {
                path += issue.Sub;
            }

            result.Evidence[i] = new IssueEvidence(path, id, excerpt);
        }
    }

    private static string Excerpt(ReadOnlySpan<byte> text)
    {
        var cut = text.Length <= ExcerptBytes ? text : text[..ExcerptBytes];
        var clean = Clean(Encoding.UTF8.GetString(cut));
        return text.Length > ExcerptBytes ? clean + "..." : clean;
    }

    /// <summary>Control characters (binary input) would garble a terminal or an email.</summary>
    internal static string Clean(string s) => string.Create(s.Length, s, static (dst, src) =>
    {
        for (var i = 0; i < src.Length; i++)
        {
            dst[i] = char.IsControl(src[i]) ? '?' : src[i];
        }
    });
}
