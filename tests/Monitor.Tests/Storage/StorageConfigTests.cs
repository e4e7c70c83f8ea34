using Microsoft.Extensions.DependencyInjection;
using Monitor.Configuration;
using Monitor.Storage;
using Monitor.Storage.Postgres;
using Monitor.Storage.Sqlite;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Storage;

/// <summary><c>monitor:storage</c>: the provider, the PostgreSQL connection string as a secret, and the store they choose.</summary>
public sealed class StorageConfigTests : IDisposable
{
    private const string Password = "s3cret-Pa55";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_NoStorageSection_ChoosesSqliteUnderTheDataDirectory()
    {
        var config = ConfigLoader.Load(Write(""));

        Assert.Equal(StorageOptions.Sqlite, config.Options.Storage.Provider);
        using var services = Services(config.Options);
        Assert.IsType<SqliteMonitorStore>(services.GetRequiredService<IMonitorStore>());
    }

    [Fact]
    public void Load_UnknownProvider_ListsTheKnownOnes()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("provider: mysql")));

        Assert.Contains(error.Errors, e => e.ToString() == "monitor:storage:provider: unknown provider 'mysql' (known: sqlite, postgres)");
    }

    [Fact]
    public void Load_PostgresWithoutConnectionString_SaysItIsRequired()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("provider: postgres")));

        Assert.Contains(error.Errors, e => e.ToString() == "monitor:storage:connectionString: required when provider is postgres");
    }

    [Fact]
    public void Load_PostgresWithAnUnsetEnvironmentVariable_SaysItResolvesToNothing()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("provider: postgres\n    connectionString: \"${env:MONITOR_TEST_UNSET_PG}\"")));

        Assert.Contains(error.Errors, e => e.ToString() == "monitor:storage:connectionString: '${env:MONITOR_TEST_UNSET_PG}' resolves to an empty value");
    }

    [Fact]
    public void Load_UnparsableConnectionString_NamesThePathButNotThePassword()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write($"provider: postgres\n    connectionString: \"Host=db;Pasword={Password}\"")));

        var problem = Assert.Single(error.Errors);
        Assert.StartsWith("monitor:storage:connectionString: is not an Npgsql connection string", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PostgresFromAFileSecret_ChoosesPostgres_AndItsLocationHidesThePassword()
    {
        var secret = _dir.Write("pg.secret", $"Host=db.example;Database=monitor;Username=mon;Password={Password}\n");
        var config = ConfigLoader.Load(Write($"provider: postgres\n    connectionString: \"${{file:{secret}}}\""));

        using var services = Services(config.Options);
        var store = Assert.IsType<PostgresMonitorStore>(services.GetRequiredService<IMonitorStore>());
        Assert.Same(store, services.GetRequiredService<IStateBlobStore>());
        Assert.Equal("postgres://db.example:5432/monitor", store.Location);
    }

    private static ServiceProvider Services(MonitorOptions options)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddMonitorStore(options);
        return services.BuildServiceProvider();
    }

    private string Write(string storage) => _dir.Write("monitor.yaml", $"""
        monitor:
          project: acme
          dataDirectory: "{_dir.Path}/data"
        {(storage.Length == 0 ? "" : "  storage:\n    " + storage)}
        """);
}
