using System.Data.Common;
using Microsoft.Data.Sqlite;
using Monitor.Rules.Alerts;
using Monitor.Storage;
using Monitor.Storage.Postgres;
using Monitor.Storage.Relational;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Incidents;
using Monitor.Tests.TestSupport;
using Npgsql;

namespace Monitor.Tests.Storage;

/// <summary>
/// A database written by the release before problems (schema version 1) migrates in place: an open incident keeps
/// its id, its e-mail thread and its case, what people were told is carried over, and its alerts keep their category.
/// One written before agent sequences (version 2) gains their table and keeps its rows.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SchemaUpgradeTests(SharedPostgres postgres)
{
    private const long Ms = 1_772_000_000_000;

    private static readonly string VersionOneRows = $"""
        INSERT INTO incidents (group_key, rule, signal, fingerprint, severity, category, urgent, status, opened_at, since, updated_at,
            escalation_level, notified, reopened, message_seq, thread_id, summary, figures)
        VALUES ('fingerprint:abc', 'checkout-errors', 'checkout', 'abc', 3, 4, 1, 0, {Ms}, {Ms}, {Ms}, 1, 1, 0, 2, 'incident-1.1.firing@monitor.acme', 'error ratio 80%', '{"{"}{"}"}');
        INSERT INTO incident_members (incident_id, fingerprint, rule, signal, severity, firing, since, updated_at)
        VALUES (1, 'abc', 'checkout-errors', 'checkout', 3, 1, {Ms}, {Ms});
        INSERT INTO cases (incident_id, kind, category, title, status, created_at, submitted_at, updated_at)
        VALUES (1, 'urgent', 'Urgent technical support', 'acme: orders are blocked for users (checkout)', 2, {Ms}, {Ms}, {Ms});
        """;

    [Theory]
    [MemberData(nameof(StoreUnderTest.Providers), MemberType = typeof(StoreUnderTest))]
    public async Task Open_VersionOneDatabaseWithAnOpenIncident_MigratesInPlaceKeepingIdThreadAndCase(string provider)
    {
        var (store, owner, _) = await OpenOldAsync(provider, upTo: 1);
        using (owner)
        {
            var (incident, members, @case) = await store.ReadAsync(tx => (tx.Incidents.FindOpen("fingerprint:abc"), tx.Incidents.Members(1), tx.Cases.ForIncident(1)));

            Assert.NotNull(incident);
            Assert.Equal(1, incident.Id);
            Assert.Equal("incident-1.1.firing@monitor.acme", incident.ThreadId);
            Assert.Equal(2, incident.MessageSeq);
            Assert.Equal((Severity.Critical, AlertCategory.OrdersBlocked), (incident.AnnouncedSeverity, incident.AnnouncedCategory));
            Assert.Null(incident.Problem);
            Assert.Equal(AlertCategory.OrdersBlocked, Assert.Single(members).Category);
            Assert.False(members[0].Inhibited);
            Assert.Equal((CaseStatus.Submitted, Monitor.Rules.Incidents.CaseKind.Urgent), (@case!.Status, @case.Kind));
        }
    }

    [Theory]
    [MemberData(nameof(StoreUnderTest.Providers), MemberType = typeof(StoreUnderTest))]
    public async Task Open_VersionTwoDatabase_AddsAgentSequencesAndKeepsTheIncident(string provider)
    {
        var (store, owner, version) = await OpenOldAsync(provider, upTo: 2);
        Assert.Equal(3, version);
        using (owner)
        {
            Assert.Empty(await store.ReadAsync(tx => tx.AgentSequences.All()));
            await store.WriteAsync(tx => { tx.AgentSequences.Save(new AgentSequence("eu-west", "spool-1", 42), DateTimeOffset.UnixEpoch); return 0; });

            var (incident, marks) = await store.ReadAsync(tx => (tx.Incidents.FindOpen("fingerprint:abc"), tx.AgentSequences.All()));
            Assert.Equal(1, incident!.Id);
            Assert.Equal([new AgentSequence("eu-west", "spool-1", 42)], marks);
        }
    }

    /// <summary>A store of the provider opened on a database written at schema version <paramref name="upTo"/>, and the version it migrated to.</summary>
    private async Task<(IMonitorStore Store, IDisposable Owner, int Version)> OpenOldAsync(string provider, int upTo)
    {
        if (provider == StoreUnderTest.Postgres)
        {
            var connectionString = await postgres.Server.CreateDatabaseAsync();
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                WriteVersionOne(connection, PostgresMigrations.All, "BIGINT", upTo);
            }

            var pg = new PostgresMonitorStore(connectionString, TimeProvider.System);
            return (pg, pg, pg.SchemaVersion());
        }

        var path = Path.Combine(IncidentHarness.NewDataDirectory(), "monitor.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            WriteVersionOne(connection, SqliteMigrations.All, "INTEGER", upTo);
        }

        var sqlite = new SqliteMonitorStore(path, TimeProvider.System);
        return (sqlite, sqlite, sqlite.SchemaVersion());
    }

    private static void WriteVersionOne(DbConnection connection, IReadOnlyList<SchemaMigration> all, string integer, int upTo = 1)
    {
        SchemaMigrations.Execute(connection, null, $"CREATE TABLE IF NOT EXISTS schema_version (version {integer} PRIMARY KEY, name TEXT NOT NULL, applied_at {integer} NOT NULL);");
        using (var transaction = connection.BeginTransaction())
        {
            Assert.Equal(1, SchemaMigrations.Apply(connection, transaction, [all[0]], DateTimeOffset.UnixEpoch));
            transaction.Commit();
        }

        SchemaMigrations.Execute(connection, null, VersionOneRows);
        if (upTo > 1)
        {
            using var transaction = connection.BeginTransaction();
            Assert.Equal(upTo, SchemaMigrations.Apply(connection, transaction, all.Take(upTo).ToList(), DateTimeOffset.UnixEpoch));
            transaction.Commit();
        }
    }
}
