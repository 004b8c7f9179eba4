using Npgsql;

namespace Slipway.State;

/// <summary>
/// The journal's schema in PostgreSQL: the same tables and migrations as <see cref="SqliteSchema"/>, with the version
/// kept in <c>slipway_schema</c>. Migrations run under an advisory lock, so two processes opening a new database at
/// once apply them once.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock migrations take ("slip"), so two processes opening a new database apply them once.</summary>
    public const long WriteLock = 0x736c6970;

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
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            run_id TEXT NOT NULL REFERENCES runs (id),
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            actor TEXT,
            step TEXT,
            detail TEXT
        );
        CREATE INDEX events_run ON events (run_id, id);
        CREATE FUNCTION slipway_events_append_only() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'the event log is append-only'; END $$;
        CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
            FOR EACH ROW EXECUTE FUNCTION slipway_events_append_only();
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

    public static void Migrate(NpgsqlConnection connection, string display, int? target = null)
    {
        var goal = target ?? Migrations.Count;

        // The common case, a journal already at this version, takes no lock: every step process opens the journal,
        // and a lock here would serialise them all across projects and runs.
        using (var exists = new NpgsqlCommand("SELECT to_regclass('slipway_schema') IS NOT NULL", connection))
        {
            if (exists.ExecuteScalar() is true)
            {
                using var probe = new NpgsqlCommand("SELECT MAX(version) FROM slipway_schema", connection);
                if (probe.ExecuteScalar() is int found && found == goal)
                {
                    return;
                }
            }
        }

        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({WriteLock})");
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS slipway_schema (version INTEGER NOT NULL)");
        using var read = new NpgsqlCommand("SELECT MAX(version) FROM slipway_schema", connection, transaction);
        var current = read.ExecuteScalar() is int version ? version : 0;
        if (current > Migrations.Count)
        {
            throw StateErrors.SchemaTooNew(display, current, Migrations.Count);
        }

        for (var index = current; index < goal; index++)
        {
            Execute(connection, transaction, Migrations[index]);
            Execute(connection, transaction, "DELETE FROM slipway_schema");
            Execute(connection, transaction, $"INSERT INTO slipway_schema (version) VALUES ({index + 1})");
        }

        transaction.Commit();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
