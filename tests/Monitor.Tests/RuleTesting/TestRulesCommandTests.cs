using Monitor.Cli;

namespace Monitor.Tests.RuleTesting;

public sealed class TestRulesCommandTests
{
    private static async Task<(int Code, string Output)> Run(params string[] files)
    {
        using var output = new StringWriter();
        var code = await MonitorCommandLine.InvokeAsync(["test-rules", .. files], output);
        return (code, output.ToString());
    }

    private static string Write(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.test.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public async Task Invoke_EveryShippedTestFile_AllPass()
    {
        var files = ShippedRuleFiles.TestFiles;
        Assert.NotEmpty(files);

        var (code, output) = await Run(files);

        Assert.True(code == 0, output);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WrongExpectation_FailsWithDiff()
    {
        var path = Write("""
            rules:
              - name: errors
                signal: checkout
                window: 5m
                threshold: 0.5
            tests:
              - name: fires at once
                interval: 1m
                inputSeries:
                  - signal: checkout
                    ok: "1x4"
                    failed: "0 3x3"
                alerts:
                  - at: 1m
                    firing: [other]
            """);
        try
        {
            var (code, output) = await Run(path);

            Assert.Equal(1, code);
            Assert.Contains("FAIL  fires at once", output, StringComparison.Ordinal);
            Assert.Contains("- other", output, StringComparison.Ordinal);
            Assert.Contains("+ errors", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Invoke_BadRule_ReportsPathAndExitsTwo()
    {
        var path = Write("""
            rules:
              - name: errors
                signal: checkout
                window: 5x
            tests:
              - name: t
                alerts:
                  - at: 1m
            """);
        try
        {
            var (code, output) = await Run(path);

            Assert.Equal(2, code);
            Assert.Contains("rules:0:window: '5x' is not a duration", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
