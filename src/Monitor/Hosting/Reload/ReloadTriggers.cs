using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace Monitor.Hosting.Reload;

/// <summary>
/// Turns SIGHUP and, with <c>monitor:reloadOnChange</c>, changes to the config file into reloads. Requests that
/// arrive while a reload runs are folded into one more reload, so a burst of signals or file events (an editor's
/// write, rename and touch) reloads once or twice, never once per event.
/// </summary>
internal sealed partial class ReloadTriggers(ConfigReloader reloader, TimeProvider time, ILogger<ReloadTriggers> logger) : BackgroundService
{
    /// <summary>How long the file must stay quiet after a change before it is read.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    private readonly Channel<string> _requests = Channel.CreateBounded<string>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private PosixSignalRegistration? _hangup;
    private FileSystemWatcher? _watcher;
    private ITimer? _settle;

    /// <summary>Asks for a reload; returns at once.</summary>
    public void Request(string trigger) => _requests.Writer.TryWrite(trigger);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows())
        {
            // The .NET host leaves SIGHUP at its default action, which ends the process.
            _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                Request("SIGHUP");
            });
        }

        var path = reloader.Current.ConfigPath;
        if (reloader.Current.Options.ReloadOnChange)
        {
            // The folder is watched, not the file: editors and config managers replace the file by a rename.
            _settle = time.CreateTimer(_ => Request("file changed"), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(path) ?? ".", Path.GetFileName(path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += OnFileEvent;
            _watcher.Created += OnFileEvent;
            _watcher.Renamed += OnFileEvent;
            _watcher.EnableRaisingEvents = true;
            LogWatching(path);
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _hangup?.Dispose();
        _watcher?.Dispose();
        if (_settle is not null)
        {
            await _settle.DisposeAsync();
        }

        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _hangup?.Dispose();
        _watcher?.Dispose();
        _settle?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var trigger in _requests.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await reloader.ReloadAsync(trigger, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogReloadFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e) => _settle?.Change(Settle, Timeout.InfiniteTimeSpan);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Path}: the configuration reloads when it changes")]
    private partial void LogWatching(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Configuration reload failed; the running configuration stays in force")]
    private partial void LogReloadFailed(Exception exception);
}
