using Microsoft.Data.Sqlite;
using Monitor.Storage.Relational;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// The SQLite schema, versioned (see <see cref="SchemaMigrations"/>). The PostgreSQL schema keeps the same
/// versions, tables and columns. Never edit a released migration; add the next one.
/// </summary>
internal static class SqliteMigrations
{
    /// <summary>The migrations, by version. Times are Unix milliseconds (UTC).</summary>
    public static readonly IReadOnlyList<SchemaMigration> All =
    [
        new(1, "initial schema", """
            CREATE TABLE settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                updated_at INTEGER NOT NULL);

            CREATE TABLE alert_state (
                key TEXT PRIMARY KEY,
                json TEXT NOT NULL,
                updated_at INTEGER NOT NULL);

            CREATE TABLE incidents (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                group_key TEXT NOT NULL,
                rule TEXT NOT NULL,
                signal TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                severity INTEGER NOT NULL,
                category INTEGER NOT NULL,
                urgent INTEGER NOT NULL,
                status INTEGER NOT NULL,
                opened_at INTEGER NOT NULL,
                since INTEGER NOT NULL,
                resolved_at INTEGER,
                updated_at INTEGER NOT NULL,
                acknowledged_at INTEGER,
                acknowledged_by TEXT,
                escalation_level INTEGER NOT NULL,
                next_reminder_at INTEGER,
                escalate_at INTEGER,
                notified INTEGER NOT NULL,
                held_notice TEXT,
                reopened INTEGER NOT NULL,
                message_seq INTEGER NOT NULL,
                thread_id TEXT,
                summary TEXT NOT NULL,
                figures TEXT NOT NULL);
            -- One open incident per group: the database enforces "one incident per problem".
            CREATE UNIQUE INDEX incidents_open_group ON incidents(group_key) WHERE status = 0;
            CREATE INDEX incidents_group_resolved ON incidents(group_key, resolved_at);
            CREATE INDEX incidents_held ON incidents(id) WHERE held_notice IS NOT NULL;

            CREATE TABLE incident_members (
                incident_id INTEGER NOT NULL REFERENCES incidents(id),
                fingerprint TEXT NOT NULL,
                rule TEXT NOT NULL,
                signal TEXT NOT NULL,
                severity INTEGER NOT NULL,
                firing INTEGER NOT NULL,
                since INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (incident_id, fingerprint));

            CREATE TABLE incident_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                incident_id INTEGER NOT NULL REFERENCES incidents(id),
                at INTEGER NOT NULL,
                kind TEXT NOT NULL,
                text TEXT NOT NULL);
            CREATE INDEX incident_events_incident ON incident_events(incident_id, id);

            -- One case per incident, never one per flap.
            CREATE TABLE cases (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                incident_id INTEGER NOT NULL UNIQUE REFERENCES incidents(id),
                kind TEXT NOT NULL,
                category TEXT NOT NULL,
                title TEXT NOT NULL,
                status INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                due_at INTEGER,
                submitted_at INTEGER,
                resolved_at INTEGER,
                updated_at INTEGER NOT NULL,
                bundle_path TEXT);
            CREATE INDEX cases_due ON cases(due_at) WHERE status = 0;

            CREATE TABLE acknowledgements (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                incident_id INTEGER NOT NULL REFERENCES incidents(id),
                at INTEGER NOT NULL,
                by TEXT NOT NULL,
                via TEXT NOT NULL,
                comment TEXT,
                nonce TEXT UNIQUE);

            CREATE TABLE maintenance (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                starts_at INTEGER NOT NULL,
                ends_at INTEGER NOT NULL,
                reason TEXT NOT NULL,
                created_by TEXT NOT NULL,
                stopped_at INTEGER);
            CREATE INDEX maintenance_ends ON maintenance(ends_at);

            CREATE TABLE silences (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                rule TEXT,
                target TEXT,
                category INTEGER,
                starts_at INTEGER NOT NULL,
                ends_at INTEGER NOT NULL,
                reason TEXT NOT NULL,
                created_by TEXT NOT NULL,
                expired_at INTEGER);
            CREATE INDEX silences_ends ON silences(ends_at);

            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                idempotency_key TEXT NOT NULL UNIQUE,
                stream TEXT NOT NULL,
                channel TEXT NOT NULL,
                kind TEXT NOT NULL,
                incident_id INTEGER,
                payload TEXT NOT NULL,
                status INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                available_at INTEGER NOT NULL,
                attempts INTEGER NOT NULL,
                last_error TEXT,
                sent_at INTEGER);
            CREATE INDEX outbox_pending ON outbox(available_at, id) WHERE status = 0;
            CREATE INDEX outbox_stream ON outbox(stream, id) WHERE status = 0;
            CREATE INDEX outbox_incident ON outbox(incident_id, id);

            CREATE TABLE digest_items (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                incident_id INTEGER NOT NULL,
                at INTEGER NOT NULL,
                text TEXT NOT NULL,
                sent_at INTEGER);
            CREATE INDEX digest_pending ON digest_items(id) WHERE sent_at IS NULL;
            """),
        new(2, "problems: incidents remember their problem and what people were told; members keep their category, inhibition and figures", """
            ALTER TABLE incidents ADD COLUMN problem TEXT;
            ALTER TABLE incidents ADD COLUMN announced_severity INTEGER;
            ALTER TABLE incidents ADD COLUMN announced_category INTEGER;
            UPDATE incidents SET announced_severity = severity, announced_category = category WHERE notified = 1;
            ALTER TABLE incident_members ADD COLUMN category INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE incident_members ADD COLUMN inhibited INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE incident_members ADD COLUMN summary TEXT NOT NULL DEFAULT '';
            ALTER TABLE incident_members ADD COLUMN figures TEXT NOT NULL DEFAULT '{}';
            UPDATE incident_members SET category = (SELECT category FROM incidents WHERE incidents.id = incident_members.incident_id);
            """),
        new(3, "agent sequences: per location, the spool and the highest sequence number taken, so a resent result is a duplicate after a restart", """
            CREATE TABLE agent_sequences (
                location TEXT PRIMARY KEY,
                spool TEXT NOT NULL,
                last_seq INTEGER NOT NULL,
                updated_at INTEGER NOT NULL);
            """),
    ];

    /// <summary>The version this build writes.</summary>
    public static int Latest => All[^1].Version;

    /// <summary>Applies every migration newer than the database. Refuses a database newer than this build.</summary>
    public static int Apply(SqliteConnection connection, DateTimeOffset now)
    {
        SchemaMigrations.Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);");

        // BEGIN IMMEDIATE: two processes opening a new file do not migrate it twice.
        using var lockTx = connection.BeginTransaction(deferred: false);
        var version = SchemaMigrations.Apply(connection, lockTx, All, now);
        lockTx.Commit();
        return version;
    }

    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction) =>
        SchemaMigrations.CurrentVersion(connection, transaction);
}
