using Microsoft.Data.Sqlite;

namespace Slipway.State;

/// <summary>
/// The journal's schema as an ordered list of migrations; <c>PRAGMA user_version</c> records how many were applied.
/// Opening a journal applies the missing ones in one transaction, so an older file migrates forward and a newer one is refused.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            project TEXT NOT NULL,
            version TEXT NOT NULL,
            commit_sha TEXT NOT NULL,
            config_hash TEXT NOT NULL,
            status TEXT NOT NULL,
            open INTEGER NOT NULL,
            options TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finished_at TEXT,
            owner_token TEXT,
            owner_host TEXT,
            owner_pid INTEGER
        );
        -- One open run per (project, version), enforced by the database itself.
        CREATE UNIQUE INDEX runs_one_open ON runs (project, version) WHERE open = 1;
        CREATE INDEX runs_created ON runs (created_at);
        CREATE TABLE steps (
            run_id TEXT NOT NULL REFERENCES runs (id),
            name TEXT NOT NULL,
            status TEXT NOT NULL,
            attempt INTEGER NOT NULL DEFAULT 0,
            sequence INTEGER NOT NULL DEFAULT 0,
            started_at TEXT,
            ended_at TEXT,
            outputs TEXT,
            error TEXT,
            reason TEXT,
            PRIMARY KEY (run_id, name)
        );
        """,
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL REFERENCES runs (id),
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            actor TEXT,
            step TEXT,
            detail TEXT
        );
        CREATE INDEX events_run ON events (run_id, id);
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
        """,
        """
        ALTER TABLE steps ADD COLUMN claim_token TEXT;
        ALTER TABLE steps ADD COLUMN claim_holder TEXT;
        ALTER TABLE steps ADD COLUMN claim_expires TEXT;
        """,
        """
        -- Approvers' personal access tokens and page sessions (slipway serve): only SHA-256 hashes are stored.
        CREATE TABLE approver_tokens (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            revoked_at TEXT
        );
        CREATE TABLE approver_sessions (
            hash TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            csrf TEXT NOT NULL,
            token_id TEXT,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE INDEX runs_project_status ON runs (project, status, created_at);
        """,
    ];

    public static int Latest => Migrations.Count;

    /// <summary>Applies the migrations after the file's version, up to <paramref name="target"/> (all by default).</summary>
    public static void Migrate(SqliteConnection connection, string path, int? target = null)
    {
        var goal = target ?? Latest;
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = (long)Scalar(connection, transaction, "PRAGMA user_version")!;
        if (current > Latest)
        {
            throw StateErrors.SchemaTooNew(path, current, Latest);
        }

        for (var index = (int)current; index < goal; index++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[index] + $"\nPRAGMA user_version = {index + 1};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public static long Version(SqliteConnection connection) => (long)Scalar(connection, null, "PRAGMA user_version")!;

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
