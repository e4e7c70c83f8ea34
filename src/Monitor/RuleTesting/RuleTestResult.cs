namespace Monitor.RuleTesting;

/// <summary>The outcome of one test case: the differences found, and when each alert first fired.</summary>
internal sealed record RuleTestResult(
    string Name,
    bool Passed,
    IReadOnlyList<string> Differences,
    IReadOnlyList<(string Alert, TimeSpan At)> FirstFiring)
{
    public static RuleTestResult Broken(string name, string problem) => new(name, false, [problem], []);
}
