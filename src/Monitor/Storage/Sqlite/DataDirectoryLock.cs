namespace Monitor.Storage.Sqlite;

/// <summary>
/// Keeps a second daemon off the same data folder (and so the same SQLite file), as the advisory lock does for
/// PostgreSQL: the daemon holds <c>&lt;dataDirectory&gt;/monitor.lock</c> open with an exclusive lock while it runs; the
/// operating system releases it when the process ends, however it ends. The command line does not take it.
/// </summary>
internal sealed partial class DataDirectoryLock(string dataDirectory, ILogger<DataDirectoryLock> logger) : IHostedService, IDisposable
{
    public const string FileName = "monitor.lock";

    private FileStream? _held;

    public string LockPath => Path.GetFullPath(Path.Combine(dataDirectory, FileName));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        try
        {
            // FileShare.None takes an exclusive lock on the file (flock on Linux), which another process cannot take.
            _held = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"another monitor daemon is running on {Path.GetFullPath(dataDirectory)} (it holds {LockPath}); run one daemon per data directory", e);
        }

        _held.SetLength(0);
        using (var writer = new StreamWriter(_held, leaveOpen: true))
        {
            writer.Write(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        _held.Flush();
        LogHeld(LockPath);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Hosted services stop in reverse order, so this runs last: everything else has let go of the store.
        _held?.Dispose();
        _held = null;
        return Task.CompletedTask;
    }

    public void Dispose() => _held?.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Holding {Path}: no other daemon runs on this data directory")]
    private partial void LogHeld(string path);
}
