using System.Data.Common;
using Npgsql;
using Slipway.Diagnostics;

namespace Slipway.State;

/// <summary>
/// The shared journal: a PostgreSQL database that every machine of a release (each CI job running one step) opens.
/// Writers of one run serialise on a transaction-scoped advisory lock keyed by the run (by project and version to
/// start one), the counterpart of SQLite's <c>BEGIN IMMEDIATE</c> without a lock shared across runs; the unique
/// partial index on open runs still guards the one-active-run rule. Every operation is asynchronous I/O.
/// </summary>
public sealed class PostgresRunJournal : AdoRunJournal
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresRunJournal(NpgsqlDataSource dataSource, NpgsqlConnection connection, SecretRedactor redactor, TimeProvider time)
        : base(connection, redactor, time)
    {
        _dataSource = dataSource;
    }

    /// <summary>Opens the journal in the database <paramref name="connectionString"/> names (the password given apart, as a secret).</summary>
    public static PostgresRunJournal Open(string connectionString, string? password, SecretRedactor redactor, TimeProvider? time = null, int? schemaVersion = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (password is not null)
        {
            builder.Password = password;
        }

        var display = $"postgres:{builder.Host}:{builder.Port}/{builder.Database}";

        // The slim builder: no reflection-based type plugins, so the Native AOT binary stays clean.
        var dataSource = new NpgsqlSlimDataSourceBuilder(builder.ConnectionString).Build();
        NpgsqlConnection? connection = null;
        try
        {
            connection = dataSource.OpenConnection();
            PostgresSchema.Migrate(connection, display, schemaVersion);
            return new PostgresRunJournal(dataSource, connection, redactor, time ?? TimeProvider.System);
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            connection?.Dispose();
            dataSource.Dispose();
            throw StateErrors.StoreUnreachable(display, e.Message);
        }
        catch
        {
            connection?.Dispose();
            dataSource.Dispose();
            throw;
        }
    }

    protected override async Task<DbTransaction> BeginWriteAsync(string scope, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)Connection;
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            // A transaction-scoped advisory lock per run (or per project and version, to start a run): writers of one
            // run serialise, so a claim reads and writes its step's row alone; other runs and projects never wait.
            await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@scope, 0))", connection, transaction);
            command.Parameters.AddWithValue("scope", scope);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    protected override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _dataSource.Dispose();
        }
    }
}
