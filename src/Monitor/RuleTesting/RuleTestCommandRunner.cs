using Monitor.Rules.Definitions;

namespace Monitor.RuleTesting;

/// <summary>The <c>test-rules</c> command's work: run every test of every file and print pass or fail with a diff.</summary>
internal static class RuleTestCommandRunner
{
    /// <summary>Runs the files; 0 when every test passed, 1 when one failed, 2 when a file could not be used.</summary>
    public static int Run(IReadOnlyList<string> files, TextWriter output)
    {
        int passed = 0, failed = 0, broken = 0;
        foreach (var path in files)
        {
            output.WriteLine(path);
            RuleTestFile file;
            try
            {
                file = RuleTestLoader.LoadTestFile(path);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or FormatException or InvalidOperationException or UnauthorizedAccessException)
            {
                output.WriteLine($"  ERROR {e.Message}");
                broken++;
                continue;
            }

            var errors = new List<string>();
            var rules = RuleTestLoader.LoadRules(path, file, errors);
            if (!Durations.TryParse(file.Resolution, out var resolution) || resolution <= TimeSpan.Zero)
            {
                errors.Add($"resolution: '{file.Resolution}' is not a duration");
            }

            if (errors.Count > 0 || file.Tests.Count == 0)
            {
                errors.AddRange(file.Tests.Count == 0 ? ["tests: the file has no tests"] : []);
                errors.ForEach(e => output.WriteLine($"  ERROR {e}"));
                broken++;
                continue;
            }

            foreach (var test in file.Tests)
            {
                var result = RuleTestRunner.Run(test, rules, resolution);
                Print(result, output);
                (passed, failed) = result.Passed ? (passed + 1, failed) : (passed, failed + 1);
            }
        }

        output.WriteLine($"{passed + failed} tests, {passed} passed, {failed} failed{(broken > 0 ? $", {broken} files with errors" : "")}");
        return broken > 0 ? 2 : failed > 0 ? 1 : 0;
    }

    private static void Print(RuleTestResult result, TextWriter output)
    {
        output.WriteLine($"  {(result.Passed ? "PASS" : "FAIL")}  {result.Name}");
        if (result.FirstFiring.Count > 0)
        {
            output.WriteLine("        first firing: " + string.Join(", ", result.FirstFiring.Select(f => $"{f.Alert} at {Durations.Format(f.At)}")));
        }

        foreach (var line in result.Differences)
        {
            output.WriteLine("        " + line);
        }
    }
}
