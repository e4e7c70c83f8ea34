using System.Diagnostics;
using System.Text;

namespace Monitor.Tests.Web;

/// <summary>The result of running a program to its end.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Error);

/// <summary>Finds and runs the Debian programs some tests use as real peers (promtool, prometheus, chromium).</summary>
internal static class ExternalTool
{
    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs a program with a time limit; kills it (and its children) when the limit passes.</summary>
    public static async Task<ToolRun> RunAsync(string program, IEnumerable<string> arguments, TimeSpan limit, string? input = null)
    {
        using var process = Start(program, arguments, redirectInput: input is not null);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {limit.TotalSeconds:0} s");
        }

        return new ToolRun(process.ExitCode, await output, await error);
    }

    /// <summary>Starts a long-running program (a server); the caller stops it.</summary>
    public static Process Start(string program, IEnumerable<string> arguments, bool redirectInput = false)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
    }
}

/// <summary>A fact that is skipped, saying why, when a program it needs is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(params string[] programs)
    {
        var missing = programs.Where(p => ExternalTool.Find(p) is null).ToList();
        if (missing.Count > 0)
        {
            Skip = $"{string.Join(", ", missing)} not installed: apt-get install -y prometheus chromium systemd (as .ci/run does)";
        }
    }
}
