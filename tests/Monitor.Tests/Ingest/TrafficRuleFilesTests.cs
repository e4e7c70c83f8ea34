using Monitor.Cli;

namespace Monitor.Tests.Ingest;

public sealed class TrafficRuleFilesTests
{
    [Fact]
    public async Task TestRules_ShippedTrafficTests_PresetsFireBeforeGoogle()
    {
        var folder = Path.GetDirectoryName(TrafficPresets.FilePath)!;
        string[] files = [.. Directory.GetFiles(folder, "*.test.yaml").Order(StringComparer.Ordinal)];
        Assert.Equal(2, files.Length);
        using var output = new StringWriter();

        var code = await MonitorCommandLine.InvokeAsync(["test-rules", .. files], output);

        Assert.True(code == 0, output.ToString());
        Assert.Contains("checkout-errors at 24m, google-checkout at 34m", output.ToString(), StringComparison.Ordinal);
    }
}
