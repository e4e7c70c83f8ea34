using Npgsql;

namespace Monitor.Storage.Postgres;

/// <summary>
/// One daemon per PostgreSQL database. At start the daemon takes a session advisory lock on a connection of its
/// own and keeps it; a second daemon pointed at the same database refuses to start, instead of probing, opening
/// incidents and sending e-mails a second time. The command line does not take it. When the connection is lost
/// (the server restarted), the lock is taken again once the server is back; if another daemon holds it by then,
/// this one stops.
/// </summary>
internal sealed partial class PostgresDaemonLock(
    string connectionString, string location, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<PostgresDaemonLock> logger)
    : IHostedService, IAsyncDisposable
{
    /// <summary>The advisory lock key the running daemon holds ("mon_dae").</summary>
    public const long DaemonLockKey = 0x6D6F6E5F646165;

    /// <summary>How often the held connection is checked.</summary>
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stop = new();
    private NpgsqlConnection? _connection;
    private Task _watch = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await TryLockAsync(cancellationToken))
        {
            throw new InvalidOperationException(
                $"another monitor daemon is running on {location} (it holds advisory lock {DaemonLockKey}); run one daemon per database");
        }

        LogLocked(location);
        _watch = WatchAsync(_stop.Token);
    }

    /// <summary>Stopped last (hosted services stop in reverse order): the lock is released once everything else has stopped.</summary>
    public async Task StopAsync(CancellationToken cancellationToken) => await ReleaseAsync();

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        _stop.Dispose();
    }

    private async Task ReleaseAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        if (_connection is not null)
        {
            // Closing the session releases its advisory lock.
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    /// <summary>Opens a connection and takes the lock on it; false when another session holds it.</summary>
    private async Task<bool> TryLockAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }

        // Not pooled: the lock lives as long as this session, and a pooled session would keep it after a reset.
        // Keepalives both ways: if this machine dies, the server ends the session (and frees the lock for a standby)
        // within about 25 s instead of the system default of hours.
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            ApplicationName = "monitor daemon lock",
            KeepAlive = 10,
            Options = "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3",
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", DaemonLockKey);
        if (await command.ExecuteScalarAsync(cancellationToken) is true)
        {
            _connection = connection;
            return true;
        }

        await connection.DisposeAsync();
        return false;
    }

    /// <summary>Checks the held session; after it is lost, takes the lock again once the server answers.</summary>
    private async Task WatchAsync(CancellationToken stop)
    {
        try
        {
            using var timer = new PeriodicTimer(CheckInterval, time);
            var lost = false;
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    if (!lost)
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", _connection);
                        await ping.ExecuteScalarAsync(stop);
                        continue;
                    }

                    if (!await TryLockAsync(stop))
                    {
                        LogTakenByAnother(location);
                        lifetime.StopApplication();
                        return;
                    }

                    lost = false;
                    LogLocked(location);
                }
                catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or IOException or InvalidOperationException)
                {
                    if (!lost)
                    {
                        LogLost(location, e.Message);
                    }

                    lost = true;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This daemon holds the daemon lock of {Location}")]
    private partial void LogLocked(string location);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection that holds the daemon lock of {Location} ({Reason}); taking it again once the server answers")]
    private partial void LogLost(string location, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Another daemon took the daemon lock of {Location} while the server was unreachable; this daemon stops so that nothing is sent twice")]
    private partial void LogTakenByAnother(string location);
}
