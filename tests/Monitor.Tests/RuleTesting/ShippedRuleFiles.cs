namespace Monitor.Tests.RuleTesting;

/// <summary>Finds the repository's config/rules folder from the test output folder.</summary>
internal static class ShippedRuleFiles
{
    public static string Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "config", "rules");
                if (File.Exists(Path.Combine(candidate, "presets.yaml")))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("config/rules not found above " + AppContext.BaseDirectory);
        }
    }

    public static string[] TestFiles => Directory.GetFiles(Folder, "*.test.yaml").Order(StringComparer.Ordinal).ToArray();
}
