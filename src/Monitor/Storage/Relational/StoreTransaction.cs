using System.Globalization;
using System.Data.Common;
using Monitor.Rules.Alerts;

namespace Monitor.Storage.Relational;

/// <summary>
/// All repositories over one ADO.NET connection and transaction, for every engine: the SQL is the common
/// subset of SQLite and PostgreSQL (named <c>@parameters</c>, <c>ON CONFLICT</c>, <c>RETURNING</c>), times are
/// Unix milliseconds and booleans 0/1 in 64-bit integer columns. The engine's store opens and commits.
/// </summary>
internal sealed partial class StoreTransaction(DbConnection connection, DbTransaction? transaction)
    : IStoreTransaction, IIncidentRepository, ICaseRepository, IOutboxRepository, IAcknowledgementRepository,
      IMaintenanceRepository, ISilenceRepository, ISettingsRepository, IDigestRepository, IAgentSequenceRepository
{
    public IIncidentRepository Incidents => this;

    public ICaseRepository Cases => this;

    public IOutboxRepository Outbox => this;

    public IAcknowledgementRepository Acknowledgements => this;

    public IMaintenanceRepository Maintenance => this;

    public ISilenceRepository Silences => this;

    public ISettingsRepository Settings => this;

    public IDigestRepository Digest => this;

    public IAgentSequenceRepository AgentSequences => this;

    // ---- helpers -------------------------------------------------------------------------------

    private DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = ToDb(value);
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private long InsertReturningId(string sql, params (string Name, object? Value)[] parameters)
    {
        // RETURNING: PostgreSQL and SQLite (3.35 and later; Microsoft.Data.Sqlite bundles a newer one) both have it.
        using var command = Command(sql + " RETURNING id", parameters);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private List<T> Query<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(map(reader));
        }

        return list;
    }

    private static object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset at => at.ToUnixTimeMilliseconds(),
        bool b => b ? 1 : 0,
        Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
        _ => value,
    };

    private static DateTimeOffset Time(DbDataReader r, string column) =>
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(r.GetOrdinal(column)));

    private static DateTimeOffset? OptionalTime(DbDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));
    }

    private static string? OptionalText(DbDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetString(i);
    }

    private static string Text(DbDataReader r, string column) => r.GetString(r.GetOrdinal(column));

    private static long Long(DbDataReader r, string column) => r.GetInt64(r.GetOrdinal(column));

    private static long? OptionalLong(DbDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetInt64(i);
    }

    // Every integer column is 64-bit in both schemas (SQLite INTEGER, PostgreSQL BIGINT); narrowed here, checked.
    private static int Int(DbDataReader r, string column) => checked((int)r.GetInt64(r.GetOrdinal(column)));

    private static bool Bool(DbDataReader r, string column) => r.GetInt64(r.GetOrdinal(column)) != 0;

    // ---- alert state ---------------------------------------------------------------------------

    /// <summary>Stores a blob in <c>alert_state</c>, replacing the previous value of the key.</summary>
    public void SaveBlob(string key, string json, DateTimeOffset at) => Execute("""
        INSERT INTO alert_state (key, json, updated_at) VALUES (@k, @j, @t)
        ON CONFLICT(key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at
        """, ("@k", key), ("@j", json), ("@t", at));

    /// <summary>The blob stored under a key, or null.</summary>
    public string? LoadBlob(string key) => Scalar("SELECT json FROM alert_state WHERE key = @k", ("@k", key)) as string;
}
