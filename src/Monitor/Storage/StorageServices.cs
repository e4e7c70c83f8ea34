using Monitor.Configuration;
using Monitor.Storage.Postgres;
using Monitor.Storage.Sqlite;

namespace Monitor.Storage;

/// <summary>Registers the store the configuration chooses (<c>monitor:storage:provider</c>).</summary>
internal static class StorageServices
{
    /// <summary>Adds <see cref="IMonitorStore"/> and <see cref="IStateBlobStore"/>: SQLite under the data directory, or PostgreSQL.</summary>
    public static IServiceCollection AddMonitorStore(this IServiceCollection services, MonitorOptions options)
    {
        if (options.Storage.IsPostgres)
        {
            services.AddSingleton(sp => new PostgresMonitorStore(
                SecretValue.Resolve(options.Storage.ConnectionString), sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IMonitorStore>(sp => sp.GetRequiredService<PostgresMonitorStore>());
            services.AddSingleton<IStateBlobStore>(sp => sp.GetRequiredService<PostgresMonitorStore>());
        }
        else
        {
            services.AddSingleton(sp => SqliteMonitorStore.ForDataDirectory(options.DataDirectory, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IMonitorStore>(sp => sp.GetRequiredService<SqliteMonitorStore>());
            services.AddSingleton<IStateBlobStore>(sp => sp.GetRequiredService<SqliteMonitorStore>());
        }

        return services;
    }

    /// <summary>
    /// For the daemon only (never the command line): the lock that keeps a second daemon off the same database: with
    /// PostgreSQL an advisory lock (<see cref="PostgresDaemonLock"/>), with SQLite the data folder's lock file
    /// (<see cref="DataDirectoryLock"/>). Register it before any other hosted service, so nothing runs unless it is held.
    /// </summary>
    public static IServiceCollection AddDaemonLock(this IServiceCollection services, MonitorOptions options)
    {
        if (options.Storage.IsPostgres)
        {
            services.AddHostedService(sp => new PostgresDaemonLock(
                SecretValue.Resolve(options.Storage.ConnectionString), sp.GetRequiredService<PostgresMonitorStore>().Location,
                sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgresDaemonLock>>()));
        }
        else
        {
            services.AddHostedService(sp => new DataDirectoryLock(options.DataDirectory, sp.GetRequiredService<ILogger<DataDirectoryLock>>()));
        }

        return services;
    }
}
