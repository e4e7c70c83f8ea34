using System.Collections.Concurrent;
using System.Diagnostics;

namespace Monitor.Tests.TestSupport;

/// <summary>
/// <c>monitor run</c> from the built program, as a child process, so a test can kill it without a graceful
/// stop (<see cref="Kill"/> sends SIGKILL). Its output is kept for failure messages.
/// </summary>
internal sealed class DaemonProcess : IDisposable
{
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private DaemonProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool IsRunning => !_process.HasExited;

    public string Output => string.Join('\n', _output);

    public static DaemonProcess Start(string configPath)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "monitor.dll"), "run", "--config", configPath },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return new DaemonProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start the daemon"));
    }

    /// <summary>SIGKILL, then waits for the process to be gone.</summary>
    public void Kill()
    {
        _process.Kill();
        Assert.True(_process.WaitForExit(ExitLimit), "the daemon did not exit after SIGKILL");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(ExitLimit);
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null && _output.Count < 2000)
        {
            _output.Enqueue(line);
        }
    }
}
