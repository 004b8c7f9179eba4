using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Slipway.Diagnostics;

namespace Slipway.State;

/// <summary>
/// The journal over any ADO.NET store: the SQL both SQLite and PostgreSQL accept, with the store's own way of
/// serialising writers (<see cref="BeginWrite"/>) and of reporting a unique-index violation. A unique partial index on
/// open runs backs the one-active-run rule in both, so two processes racing for one version cannot both start a run.
/// </summary>
public abstract class AdoRunJournal : IRunJournal
{
    private const string RunColumns =
        "id, project, version, commit_sha, config_hash, status, open, options, created_at, updated_at, finished_at, owner_token, owner_host, owner_pid";

    private readonly DbConnection _connection;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected AdoRunJournal(DbConnection connection, SecretRedactor redactor, TimeProvider time)
    {
        _connection = connection;
        _redactor = redactor;
        _time = time;
    }

    protected DbConnection Connection => _connection;

    public Task<RunClaim> ClaimAsync(NewRun run, RunOwner owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(owner);
        return LockedAsync(() =>
        {
            using var transaction = BeginWrite();
            var open = QueryRuns(transaction, "WHERE project = @p AND version = @v AND open = 1", ("@p", run.Project), ("@v", run.Version)).FirstOrDefault();
            if (open is not null)
            {
                EnsureTakeable(open, owner);
                SetOwner(transaction, open.Id, owner);
                transaction.Commit();
                return new RunClaim(open with { Owner = owner }, false);
            }

            var now = Now();
            var id = NewId();
            Write(
                transaction,
                $"INSERT INTO runs ({RunColumns}) VALUES (@id, @p, @v, @c, @h, @s, 1, @o, @now, @now, NULL, @ot, @oh, @op)",
                ("@id", id),
                ("@p", run.Project),
                ("@v", run.Version),
                ("@c", run.Commit),
                ("@h", run.ConfigHash),
                ("@s", StatusNames.Of(RunStatus.Running)),
                ("@o", _redactor.Redact(run.Options.ToJsonString())),
                ("@now", now),
                ("@ot", owner.Token),
                ("@oh", owner.Host),
                ("@op", owner.ProcessId));
            Write(
                transaction,
                "INSERT INTO events (run_id, at, kind, actor, step, detail) VALUES (@id, @now, @k, NULL, NULL, @d)",
                ("@id", id),
                ("@now", now),
                ("@k", RunEventKinds.Started),
                ("@d", $"{run.Project} {run.Version} at {run.Commit}"));
            transaction.Commit();
            var at = Parse(now);
            return new RunClaim(
                new RunRecord(id, run.Project, run.Version, run.Commit, run.ConfigHash, RunStatus.Running, true, run.Options, at, at, null, owner),
                true);
        }, cancellationToken);
    }

    public Task<RunRecord> AcquireAsync(string runId, RunOwner owner, bool reopen, bool takeOver = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return LockedAsync(() =>
        {
            using var transaction = BeginWrite();
            var run = QueryRuns(transaction, "WHERE id = @id", ("@id", runId)).FirstOrDefault() ?? throw StateErrors.RunNotFound(runId);
            if (!takeOver)
            {
                EnsureTakeable(run, owner);
            }

            SetOwner(transaction, run.Id, owner);
            if (reopen && !run.Open)
            {
                try
                {
                    Write(transaction, "UPDATE runs SET open = 1, finished_at = NULL WHERE id = @id", ("@id", runId));
                }
                catch (DbException e) when (IsUniqueViolation(e))
                {
                    // runs_one_open: another run of this version is open.
                    throw StateErrors.AnotherRunOpen(run.Project, run.Version);
                }

                run = run with { Open = true, FinishedAt = null };
            }

            transaction.Commit();
            return run with { Owner = owner };
        }, cancellationToken);
    }

    public Task ReleaseAsync(string runId, RunOwner owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return LockedAsync(
            () => Write(
                null,
                "UPDATE runs SET owner_token = NULL, owner_host = NULL, owner_pid = NULL WHERE id = @id AND owner_token = @t",
                ("@id", runId),
                ("@t", owner.Token)),
            cancellationToken);
    }

    public Task<RunRecord?> FindRunAsync(string runId, CancellationToken cancellationToken = default) =>
        LockedAsync(() => QueryRuns(null, "WHERE id = @id", ("@id", runId)).FirstOrDefault(), cancellationToken);

    public Task<RunRecord?> LatestRunAsync(string? project, CancellationToken cancellationToken = default) =>
        LockedAsync(
            () => project is null
                ? QueryRuns(null, "ORDER BY created_at DESC, id DESC LIMIT 1").FirstOrDefault()
                : QueryRuns(null, "WHERE project = @p ORDER BY created_at DESC, id DESC LIMIT 1", ("@p", project)).FirstOrDefault(),
            cancellationToken);

    public Task<RunRecord?> PreviousReleaseAsync(string project, string exceptRunId, CancellationToken cancellationToken = default) =>
        LockedAsync(
            () => QueryRuns(
                null,
                "WHERE project = @p AND status = @s AND id <> @id ORDER BY created_at DESC, id DESC LIMIT 1",
                ("@p", project),
                ("@s", StatusNames.Of(RunStatus.Succeeded)),
                ("@id", exceptRunId)).FirstOrDefault(),
            cancellationToken);

    public Task<RunRecord?> FindOpenRunAsync(string project, string version, CancellationToken cancellationToken = default) =>
        LockedAsync(
            () => QueryRuns(null, "WHERE project = @p AND version = @v AND open = 1", ("@p", project), ("@v", version)).FirstOrDefault(),
            cancellationToken);

    public Task<IReadOnlyList<StepRecord>> StepsAsync(string runId, CancellationToken cancellationToken = default) =>
        LockedAsync<IReadOnlyList<StepRecord>>(() =>
        {
            using var command = Command(
                null,
                "SELECT name, status, attempt, sequence, started_at, ended_at, outputs, error, reason FROM steps WHERE run_id = @id ORDER BY CASE WHEN sequence = 0 THEN 1 ELSE 0 END, sequence, name",
                ("@id", runId));
            using var reader = command.ExecuteReader();
            var steps = new List<StepRecord>();
            while (reader.Read())
            {
                steps.Add(new StepRecord(
                    reader.GetString(0),
                    StatusNames.ParseStep(reader.GetString(1)),
                    Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                    Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture),
                    ParseOrNull(reader, 4),
                    ParseOrNull(reader, 5),
                    reader.IsDBNull(6) ? null : ParseObject(reader.GetString(6)),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8)));
            }

            return steps;
        }, cancellationToken);

    public Task<int> StepStartedAsync(string runId, string stepName, CancellationToken cancellationToken = default) =>
        LockedAsync(() =>
        {
            using var transaction = BeginWrite();
            var now = Now();
            EnsureStepRow(transaction, runId, stepName);
            Write(
                transaction,
                """
                UPDATE steps SET status = @s, attempt = attempt + 1, started_at = @now, ended_at = NULL, error = NULL, reason = NULL,
                    sequence = (SELECT COALESCE(MAX(sequence), 0) + 1 FROM steps WHERE run_id = @id)
                WHERE run_id = @id AND name = @n
                """,
                ("@s", StatusNames.Of(StepStatus.Running)),
                ("@now", now),
                ("@id", runId),
                ("@n", stepName));
            Touch(transaction, runId, now);
            using var command = Command(transaction, "SELECT attempt FROM steps WHERE run_id = @id AND name = @n", ("@id", runId), ("@n", stepName));
            var attempt = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            transaction.Commit();
            return attempt;
        }, cancellationToken);

    // Outputs are stored as the step wrote them: they are structured (digests, tags), and a short secret that happens
    // to occur inside a digest would rewrite it. Free text (errors, reasons, event details) is masked; a step masks the
    // free-text fields of its outputs itself.
    public Task SaveProgressAsync(string runId, string stepName, JsonObject outputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return LockedAsync(
            () => Write(null, "UPDATE steps SET outputs = @o WHERE run_id = @id AND name = @n", ("@o", outputs.ToJsonString()), ("@id", runId), ("@n", stepName)),
            cancellationToken);
    }

    public Task StepSucceededAsync(string runId, string stepName, JsonObject outputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return LockedAsync(() =>
        {
            using var transaction = BeginWrite();
            var now = Now();
            EnsureStepRow(transaction, runId, stepName);
            Write(
                transaction,
                "UPDATE steps SET status = @s, ended_at = @now, outputs = @o, error = NULL WHERE run_id = @id AND name = @n",
                ("@s", StatusNames.Of(StepStatus.Succeeded)),
                ("@now", now),
                ("@o", outputs.ToJsonString()),
                ("@id", runId),
                ("@n", stepName));
            Touch(transaction, runId, now);
            transaction.Commit();
        }, cancellationToken);
    }

    public Task StepSkippedAsync(string runId, string stepName, string reason, CancellationToken cancellationToken = default) =>
        LockedAsync(() =>
        {
            using var transaction = BeginWrite();
            var now = Now();
            EnsureStepRow(transaction, runId, stepName);
            Write(
                transaction,
                "UPDATE steps SET status = @s, ended_at = @now, reason = @r WHERE run_id = @id AND name = @n",
                ("@s", StatusNames.Of(StepStatus.Skipped)),
                ("@now", now),
                ("@r", _redactor.Redact(reason)),
                ("@id", runId),
                ("@n", stepName));
            transaction.Commit();
        }, cancellationToken);

    public Task SetStepStatusAsync(string runId, string stepName, StepStatus status, string? errorMessage, CancellationToken cancellationToken = default) =>
        LockedAsync(() =>
        {
            using var transaction = BeginWrite();
            var now = Now();
            EnsureStepRow(transaction, runId, stepName);
            var ends = status is StepStatus.Failed or StepStatus.Compensated or StepStatus.CompensationFailed;
            Write(
                transaction,
                "UPDATE steps SET status = @s, error = COALESCE(@e, error), ended_at = CASE WHEN @ends = 1 THEN @now ELSE ended_at END WHERE run_id = @id AND name = @n",
                ("@s", StatusNames.Of(status)),
                ("@e", errorMessage is null ? null : _redactor.Redact(errorMessage)),
                ("@ends", ends ? 1 : 0),
                ("@now", now),
                ("@id", runId),
                ("@n", stepName));
            Touch(transaction, runId, now);
            transaction.Commit();
        }, cancellationToken);

    public Task SetRunStatusAsync(string runId, RunStatus status, bool open, CancellationToken cancellationToken = default) =>
        LockedAsync(() =>
        {
            var now = Now();
            var finished = status is RunStatus.Succeeded or RunStatus.RolledBack or RunStatus.Failed or RunStatus.Cancelled && !open;
            Write(
                null,
                "UPDATE runs SET status = @s, open = @open, updated_at = @now, finished_at = CASE WHEN @f = 1 THEN @now ELSE NULL END WHERE id = @id",
                ("@s", StatusNames.Of(status)),
                ("@open", open ? 1 : 0),
                ("@now", now),
                ("@f", finished ? 1 : 0),
                ("@id", runId));
        }, cancellationToken);

    public Task AppendEventAsync(string runId, string kind, string? actor, string? stepName, string? detail, CancellationToken cancellationToken = default) =>
        LockedAsync(
            () => Write(
                null,
                "INSERT INTO events (run_id, at, kind, actor, step, detail) VALUES (@id, @now, @k, @a, @s, @d)",
                ("@id", runId),
                ("@now", Now()),
                ("@k", kind),
                ("@a", actor is null ? null : _redactor.Redact(actor)),
                ("@s", stepName),
                ("@d", detail is null ? null : _redactor.Redact(detail))),
            cancellationToken);

    public Task<IReadOnlyList<RunEvent>> EventsAsync(string runId, CancellationToken cancellationToken = default) =>
        LockedAsync<IReadOnlyList<RunEvent>>(() =>
        {
            using var command = Command(null, "SELECT id, at, kind, actor, step, detail FROM events WHERE run_id = @id ORDER BY id", ("@id", runId));
            using var reader = command.ExecuteReader();
            var events = new List<RunEvent>();
            while (reader.Read())
            {
                events.Add(new RunEvent(
                    reader.GetInt64(0),
                    Parse(reader.GetString(1)),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5)));
            }

            return events;
        }, cancellationToken);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>A write transaction that serialises with every other writer of the store, before it reads.</summary>
    protected abstract DbTransaction BeginWrite();

    /// <summary>How long an operation retries while another process holds the store's lock.</summary>
    protected virtual TimeSpan LockTimeout => TimeSpan.Zero;

    /// <summary>True when the operation failed only because another process holds the lock, so it may be retried.</summary>
    protected virtual bool IsBusy(DbException exception) => false;

    /// <summary>The store's failure as a coded error (corrupt, locked), or null when it is none of those.</summary>
    protected virtual SlipwayException? Translate(Exception exception) => null;

    protected abstract bool IsUniqueViolation(DbException exception);

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _connection.Dispose();
            _gate.Dispose();
        }
    }

    private static void EnsureTakeable(RunRecord run, RunOwner owner)
    {
        if (run.Owner is { } current && !current.IsSameAs(owner) && current.IsAlive())
        {
            throw StateErrors.RunAlreadyActive(run);
        }
    }

    private static string NewId() => "run-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));

    private static JsonObject ParseObject(string text) =>
        JsonNode.Parse(text) as JsonObject ?? throw new FormatException("a recorded value is not a JSON object");

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static DateTimeOffset? ParseOrNull(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : Parse(reader.GetString(column));

    private string Now() => _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private void SetOwner(DbTransaction transaction, string runId, RunOwner owner) =>
        Write(
            transaction,
            "UPDATE runs SET owner_token = @t, owner_host = @h, owner_pid = @p WHERE id = @id",
            ("@t", owner.Token),
            ("@h", owner.Host),
            ("@p", owner.ProcessId),
            ("@id", runId));

    private void Touch(DbTransaction transaction, string runId, string now) =>
        Write(transaction, "UPDATE runs SET updated_at = @now WHERE id = @id", ("@now", now), ("@id", runId));

    private void EnsureStepRow(DbTransaction transaction, string runId, string stepName) =>
        Write(
            transaction,
            "INSERT INTO steps (run_id, name, status) VALUES (@id, @n, @s) ON CONFLICT (run_id, name) DO NOTHING",
            ("@id", runId),
            ("@n", stepName),
            ("@s", StatusNames.Of(StepStatus.Pending)));

    private List<RunRecord> QueryRuns(DbTransaction? transaction, string where, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(transaction, $"SELECT {RunColumns} FROM runs {where}", parameters);
        using var reader = command.ExecuteReader();
        var runs = new List<RunRecord>();
        while (reader.Read())
        {
            var owner = reader.IsDBNull(11)
                ? null
                : new RunOwner(reader.GetString(11), reader.GetString(12), Convert.ToInt32(reader.GetValue(13), CultureInfo.InvariantCulture));
            runs.Add(new RunRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                StatusNames.ParseRun(reader.GetString(5)),
                Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture) == 1,
                ParseObject(reader.GetString(7)),
                Parse(reader.GetString(8)),
                Parse(reader.GetString(9)),
                ParseOrNull(reader, 10),
                owner));
        }

        return runs;
    }

    private void Write(DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private DbCommand Command(DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (value is null or string)
            {
                parameter.DbType = DbType.String;
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }

    private async Task<T> LockedAsync<T>(Func<T> action, CancellationToken cancellationToken)
    {
        // One connection serves the runner's parallel steps; SQLite connections are not thread-safe.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // A busy store is retried here, between short waits in the driver, so the wait stays bounded and a
            // cancelled command stops waiting. Each action is one transaction or one statement: a busy one did nothing.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    return action();
                }
                catch (DbException e) when (IsBusy(e) && clock.Elapsed < LockTimeout)
                {
                }
                catch (Exception e) when (e is not SlipwayException && Translate(e) is { } translated)
                {
                    throw translated;
                }

                await Task.Delay(100, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task<bool> LockedAsync(Action action, CancellationToken cancellationToken) =>
        LockedAsync<bool>(() =>
        {
            action();
            return true;
        }, cancellationToken);
}
