using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Slipway.Diagnostics;

namespace Slipway.State;

/// <summary>
/// The embedded journal: one SQLite file (<c>.slipway/state.db</c> by default) in WAL mode. Writes run in
/// <c>BEGIN IMMEDIATE</c> transactions, which take the file's write lock before reading, so two processes claiming one
/// version serialise and the second sees the first's run. A file that is not a journal, or that another process keeps
/// locked past <see cref="DefaultLockTimeout"/>, is a coded error.
/// </summary>
public sealed class SqliteRunJournal : AdoRunJournal
{
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    private readonly string _path;
    private readonly TimeSpan _lockTimeout;

    private SqliteRunJournal(SqliteConnection connection, string path, TimeSpan lockTimeout, SecretRedactor redactor, TimeProvider time)
        : base(connection, redactor, time)
    {
        _path = path;
        _lockTimeout = lockTimeout;
    }

    protected override TimeSpan LockTimeout => _lockTimeout;

    public static SqliteRunJournal Open(string path, SecretRedactor redactor, TimeProvider? time = null, int? schemaVersion = null, TimeSpan? lockTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var timeout = lockTimeout ?? DefaultLockTimeout;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            // The driver's own retries on SQLITE_BUSY stay short; the journal retries up to the lock timeout itself.
            DefaultTimeout = 1,
        };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var connection = new SqliteConnection(builder.ToString());
            try
            {
                connection.Open();
                using (var command = connection.CreateCommand())
                {
                    command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 200;";
                    command.ExecuteNonQuery();
                }

                SqliteSchema.Migrate(connection, path, schemaVersion);
                return new SqliteRunJournal(connection, path, timeout, redactor, time ?? TimeProvider.System);
            }
            catch (SqliteException e) when (IsBusyCode(e) && clock.Elapsed < timeout)
            {
                connection.Dispose();
                Thread.Sleep(100);
            }
            catch (Exception e) when (e is not SlipwayException && Translate(path, timeout, e) is { } translated)
            {
                connection.Dispose();
                throw translated;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
    }

    // One file, one writer: BEGIN IMMEDIATE takes the write lock before the transaction reads, whatever the scope.
    protected override Task<DbTransaction> BeginWriteAsync(string scope, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)Connection).BeginTransaction(deferred: false));

    // SQLITE_CONSTRAINT: here only the unique index on open runs can be violated.
    protected override bool IsUniqueViolation(DbException exception) => exception is SqliteException { SqliteErrorCode: 19 };

    protected override bool IsBusy(DbException exception) => IsBusyCode(exception);

    protected override SlipwayException? Translate(Exception exception) => Translate(_path, _lockTimeout, exception);

    // SQLITE_BUSY, SQLITE_LOCKED.
    private static bool IsBusyCode(DbException exception) => exception is SqliteException { SqliteErrorCode: 5 or 6 };

    private static SlipwayException? Translate(string path, TimeSpan lockTimeout, Exception exception) => exception switch
    {
        SqliteException e when IsBusyCode(e) => StateErrors.JournalLocked(path, lockTimeout),

        // SQLITE_CORRUPT, SQLITE_NOTADB; or a database of another program, without Slipway's tables.
        SqliteException { SqliteErrorCode: 11 or 26 } e => StateErrors.JournalUnreadable(path, Reason(e)),
        SqliteException { SqliteErrorCode: 1 } e when e.Message.Contains("no such", StringComparison.Ordinal) || e.Message.Contains("already exists", StringComparison.Ordinal) =>
            StateErrors.JournalUnreadable(path, Reason(e)),
        SqliteException e => StateErrors.StoreUnreachable(path, Reason(e)),

        // A row Slipway did not write: a status it does not know, a timestamp or outputs that do not parse.
        FormatException or JsonException or InvalidCastException or OverflowException => StateErrors.JournalUnreadable(path, exception.Message),
        _ => null,
    };

    /// <summary>SQLite's own words: "SQLite Error 26: 'file is not a database'." becomes "file is not a database".</summary>
    private static string Reason(SqliteException exception)
    {
        var message = exception.Message;
        var first = message.IndexOf('\'', StringComparison.Ordinal);
        var last = message.LastIndexOf('\'');
        return first >= 0 && last > first + 1 ? message[(first + 1)..last] : message;
    }
}
