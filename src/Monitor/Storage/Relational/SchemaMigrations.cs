using System.Data.Common;
using System.Globalization;

namespace Monitor.Storage.Relational;

/// <summary>One schema change: its version, a name for people, and the engine's SQL.</summary>
internal readonly record struct SchemaMigration(int Version, string Name, string Sql);

/// <summary>
/// Applies versioned migrations inside a transaction the engine has already made exclusive (SQLite
/// <c>BEGIN IMMEDIATE</c>, a PostgreSQL advisory lock), and records each version in <c>schema_version</c>.
/// Never edit a released migration; add the next one.
/// </summary>
internal static class SchemaMigrations
{
    /// <summary>Applies every migration newer than the database. Refuses a database newer than this build.</summary>
    public static int Apply(DbConnection connection, DbTransaction transaction, IReadOnlyList<SchemaMigration> all, DateTimeOffset now)
    {
        var latest = all[^1].Version;
        var current = CurrentVersion(connection, transaction);
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"The database schema is version {current}, newer than this build understands ({latest}). Upgrade monitor.");
        }

        foreach (var migration in all.Where(m => m.Version > current))
        {
            Execute(connection, transaction, migration.Sql);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES (@v, @n, @t)";
            Add(record, "@v", (long)migration.Version);
            Add(record, "@n", migration.Name);
            Add(record, "@t", now.ToUnixTimeMilliseconds());
            record.ExecuteNonQuery();
        }

        return latest;
    }

    /// <summary>The highest applied version, 0 for an empty database.</summary>
    public static int CurrentVersion(DbConnection connection, DbTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs one statement (or a script) in the transaction.</summary>
    public static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
