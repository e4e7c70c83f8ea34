using System.Diagnostics.CodeAnalysis;
using Monitor.Configuration;
using Monitor.Rules.Alerts;

namespace Monitor.Incidents;

/// <summary>A field of a silence request; each way in names it its own way (<c>for</c> in JSON, <c>--for</c> on the command line).</summary>
internal enum SilenceField
{
    Rule,
    Target,
    Category,
    For,
}

/// <summary>
/// A request to add a silence, checked the same way whether it comes through the API or the command line:
/// matchers and reason are trimmed and capped, the category is a known name, the length is a positive
/// duration, and at least one matcher is set (holding everything is what maintenance is for).
/// </summary>
internal sealed record SilenceRequest(string? Rule, string? Target, AlertCategory? Category, TimeSpan Length, string Reason)
{
    /// <summary>Checks the raw values; on failure, every problem, each naming its field as <paramref name="name"/> spells it.</summary>
    public static bool TryParse(
        string? rule, string? target, string? category, string? length, string? reason, Func<SilenceField, string> name,
        [NotNullWhen(true)] out SilenceRequest? request, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        rule = RequestText.Clean(rule);
        target = RequestText.Clean(target);
        category = RequestText.Clean(category);
        AlertCategory? parsed = null;
        if (category is not null && !AlertClassification.TryParseCategory(category, out parsed))
        {
            found.Add($"{name(SilenceField.Category)} '{category}' is not one of {string.Join(", ", AlertClassification.CategoryValues)}");
        }
        else if (rule is null && target is null && parsed is null)
        {
            found.Add($"a silence needs at least one matcher: {name(SilenceField.Rule)}, {name(SilenceField.Target)} or {name(SilenceField.Category)}");
        }

        var span = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(length))
        {
            found.Add($"{name(SilenceField.For)} is required: a positive duration (examples: 30m, 2h)");
        }
        else if (!Duration.TryParse(length, out span) || span <= TimeSpan.Zero)
        {
            found.Add($"{name(SilenceField.For)} '{length.Trim()}' is not a positive duration (examples: 30m, 2h)");
        }

        request = found.Count == 0 ? new SilenceRequest(rule, target, parsed, span, RequestText.Clean(reason) ?? "") : null;
        problems = found;
        return request is not null;
    }
}
