namespace Monitor.Rules.Incidents;

/// <summary>Shell-style globs for matchers: <c>*</c> any run of characters, <c>?</c> one character; case-sensitive.</summary>
public static class Glob
{
    /// <summary>True when <paramref name="text"/> matches <paramref name="pattern"/> as a whole.</summary>
    public static bool IsMatch(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>True when any pattern matches; an empty list matches anything.</summary>
    public static bool AnyMatch(IReadOnlyList<string> patterns, string text) => patterns.Count == 0 || patterns.Any(p => IsMatch(p, text));
}
