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
}
