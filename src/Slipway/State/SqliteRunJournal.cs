using System.Data.Common;
using Microsoft.Data.Sqlite;
using Slipway.Diagnostics;

namespace Slipway.State;

/// <summary>
/// The embedded journal: one SQLite file (<c>.slipway/state.db</c> by default) in WAL mode. Writes run in
/// <c>BEGIN IMMEDIATE</c> transactions, which take the file's write lock before reading, so two processes claiming one
/// version serialise and the second sees the first's run.
/// </summary>
public sealed class SqliteRunJournal : AdoRunJournal
{
    private SqliteRunJournal(SqliteConnection connection, SecretRedactor redactor, TimeProvider time)
        : base(connection, redactor, time)
    {
    }

    public static SqliteRunJournal Open(string path, SecretRedactor redactor, TimeProvider? time = null, int? schemaVersion = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            // Waits this long for another process's write transaction instead of failing with SQLITE_BUSY.
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;";
                command.ExecuteNonQuery();
            }

            SqliteSchema.Migrate(connection, path, schemaVersion);
            return new SqliteRunJournal(connection, redactor, time ?? TimeProvider.System);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    protected override DbTransaction BeginWrite() => ((SqliteConnection)Connection).BeginTransaction(deferred: false);

    // SQLITE_CONSTRAINT: here only the unique index on open runs can be violated.
    protected override bool IsUniqueViolation(DbException exception) => exception is SqliteException { SqliteErrorCode: 19 };
}
