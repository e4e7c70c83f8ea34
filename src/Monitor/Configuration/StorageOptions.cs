namespace Monitor.Configuration;

/// <summary>Where incidents, cases, the outbox and the rule engine's state are kept (<c>monitor:storage</c>).</summary>
internal sealed class StorageOptions
{
    /// <summary>The SQLite provider name: one file, <c>&lt;dataDirectory&gt;/monitor.db</c>.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The PostgreSQL provider name: a server shared by one or more daemons.</summary>
    public const string Postgres = "postgres";

    /// <summary>The providers this build knows.</summary>
    public static readonly IReadOnlyList<string> Providers = [Sqlite, Postgres];

    /// <summary><c>sqlite</c> or <c>postgres</c>. Default <c>sqlite</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// The PostgreSQL connection string (Npgsql format: <c>Host=...;Database=...;Username=...;Password=...</c>).
    /// A secret: <c>${env:NAME}</c> and <c>${file:PATH}</c> are resolved. Required when the provider is
    /// <c>postgres</c>; unused otherwise. Default empty.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>True when the provider is PostgreSQL.</summary>
    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);
}
