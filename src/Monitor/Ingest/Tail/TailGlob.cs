namespace Monitor.Ingest.Tail;

/// <summary>Expands a tailed path: a plain file, or a glob with <c>*</c> / <c>?</c> in the file name.</summary>
internal static class TailGlob
{
    public static bool HasWildcard(string text) => text.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>The files the pattern names now, in ordinal order; a plain path is returned even before it exists.</summary>
    public static IEnumerable<string> Expand(string pattern, string baseDirectory)
    {
        var full = Path.GetFullPath(pattern, baseDirectory);
        var name = Path.GetFileName(full);
        if (!HasWildcard(name))
        {
            return [full];
        }

        var directory = Path.GetDirectoryName(full) ?? baseDirectory;
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(directory, name, new EnumerationOptions { MatchType = MatchType.Simple, RecurseSubdirectories = false })
            .Order(StringComparer.Ordinal);
    }
}
