using System.Collections.Concurrent;
using System.Diagnostics;

namespace Monitor.Tests.TestSupport;

/// <summary>
/// The built <c>monitor</c> program as a child process (<c>dotnet monitor.dll ARGS</c>), with its output kept line by
/// line. Killed on dispose if still running.
/// </summary>
internal sealed class DaemonProcess : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

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

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Standard output and error, in the order the lines arrived.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public string Text => string.Join('\n', _output);

    public static DaemonProcess Start(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "monitor.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        return new DaemonProcess(Process.Start(info)!);
    }

    /// <summary>Waits for the process to end (at most 30 s) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Bound);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Polls every 50 ms for at most 30 s until a line of output contains <paramref name="text"/>.</summary>
    public Task WaitForOutputAsync(string text) =>
        WaitForAsync(() => _output.Any(l => l.Contains(text, StringComparison.Ordinal)), $"output containing '{text}'");

    /// <summary>Polls every 50 ms for at most 30 s until a condition holds, failing early if the process ends.</summary>
    public async Task WaitForAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Bound || _process.HasExited)
            {
                throw new TimeoutException($"no {what} within {Bound} (exited: {_process.HasExited}); output:\n{Text}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends a POSIX signal (HUP, TERM...) with kill(1).</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        await kill.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
