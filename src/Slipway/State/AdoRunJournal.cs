using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Slipway.Diagnostics;

namespace Slipway.State;

/// <summary>
/// The journal over any ADO.NET store: the SQL both SQLite and PostgreSQL accept, with the store's own way of
/// serialising writers of one run (<see cref="BeginWriteAsync"/>) and of reporting a unique-index violation. A unique
/// partial index on open runs backs the one-active-run rule in both, so two processes racing for one version cannot
/// both start a run. Every status write reads the stored status first, in the same transaction, and refuses a move
/// <see cref="StateTransitions"/> does not allow.
/// </summary>
public abstract partial class AdoRunJournal : IRunJournal, IApproverStore, IRunCatalog
{
    private const string RunColumns =
        "id, project, version, commit_sha, config_hash, status, open, options, created_at, updated_at, finished_at";

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

    public Task<RunStart> OpenRunAsync(NewRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return LockedAsync(async () =>
        {
            await using var transaction = await BeginWriteAsync($"version:{run.Project}\n{run.Version}", cancellationToken);
            var open = (await QueryRunsAsync(transaction, "WHERE project = @p AND version = @v AND open = 1", cancellationToken, ("@p", run.Project), ("@v", run.Version))).FirstOrDefault();
            if (open is not null)
            {
                await transaction.CommitAsync(cancellationToken);
                return new RunStart(open, false);
            }

            var now = Now();
            var id = NewId();
            await WriteAsync(
                transaction,
                $"INSERT INTO runs ({RunColumns}) VALUES (@id, @p, @v, @c, @h, @s, 1, @o, @now, @now, NULL)",
                cancellationToken,
                ("@id", id),
                ("@p", run.Project),
                ("@v", run.Version),
                ("@c", run.Commit),
                ("@h", run.ConfigHash),
                ("@s", StatusNames.Of(RunStatus.Running)),
                ("@o", _redactor.Redact(run.Options.ToJsonString())),
                ("@now", Text(now)));
            await InsertEventAsync(transaction, id, now, RunEventKinds.Started, null, null, $"{run.Project} {run.Version} at {run.Commit}", cancellationToken);
            foreach (var step in run.Steps ?? [])
            {
                await EnsureStepRowAsync(transaction, id, step, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return new RunStart(new RunRecord(id, run.Project, run.Version, run.Commit, run.ConfigHash, RunStatus.Running, true, run.Options, now, now, null), true);
        }, cancellationToken);
    }

    public Task<RunRecord> ReopenAsync(string runId, CancellationToken cancellationToken = default) =>
        LockedAsync(async () =>
        {
            await using var transaction = await BeginWriteAsync(RunScope(runId), cancellationToken);
            var run = await RunInAsync(transaction, runId, cancellationToken);
            if (!run.Open)
            {
                try
                {
                    await WriteAsync(transaction, "UPDATE runs SET open = 1, finished_at = NULL WHERE id = @id", cancellationToken, ("@id", runId));
                }
                catch (DbException e) when (IsUniqueViolation(e))
                {
                    // runs_one_open: another run of this version is open.
                    throw StateErrors.AnotherRunOpen(run.Project, run.Version);
                }

                run = run with { Open = true, FinishedAt = null };
            }

            await transaction.CommitAsync(cancellationToken);
            return run;
        }, cancellationToken);

    public Task<RunRecord?> FindRunAsync(string runId, CancellationToken cancellationToken = default) =>
        LockedAsync(async () => (await QueryRunsAsync(null, "WHERE id = @id", cancellationToken, ("@id", runId))).FirstOrDefault(), cancellationToken);

    public Task<RunRecord?> LatestRunAsync(string? project, CancellationToken cancellationToken = default) =>
        LockedAsync(
            async () => (project is null
                ? await QueryRunsAsync(null, "ORDER BY created_at DESC, id DESC LIMIT 1", cancellationToken)
                : await QueryRunsAsync(null, "WHERE project = @p ORDER BY created_at DESC, id DESC LIMIT 1", cancellationToken, ("@p", project))).FirstOrDefault(),
            cancellationToken);

    public Task<RunRecord?> PreviousReleaseAsync(string project, string exceptRunId, CancellationToken cancellationToken = default) =>
        LockedAsync(
            async () => (await QueryRunsAsync(
                null,
                "WHERE project = @p AND status = @s AND id <> @id ORDER BY created_at DESC, id DESC LIMIT 1",
                cancellationToken,
                ("@p", project),
                ("@s", StatusNames.Of(RunStatus.Succeeded)),
                ("@id", exceptRunId))).FirstOrDefault(),
            cancellationToken);

    public Task<RunRecord?> FindOpenRunAsync(string project, string version, CancellationToken cancellationToken = default) =>
        LockedAsync(
            async () => (await QueryRunsAsync(null, "WHERE project = @p AND version = @v AND open = 1", cancellationToken, ("@p", project), ("@v", version))).FirstOrDefault(),
            cancellationToken);

    public Task<IReadOnlyList<StepRecord>> StepsAsync(string runId, CancellationToken cancellationToken = default) =>
        LockedAsync<IReadOnlyList<StepRecord>>(async () =>
        {
            await using var command = Command(
                null,
                "SELECT name, status, attempt, sequence, started_at, ended_at, outputs, error, reason, claim_token, claim_holder, claim_expires FROM steps WHERE run_id = @id ORDER BY CASE WHEN sequence = 0 THEN 1 ELSE 0 END, sequence, name",
                ("@id", runId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var steps = new List<StepRecord>();
            while (await reader.ReadAsync(cancellationToken))
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
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    LeaseOf(reader, 9)));
            }

            return steps;
        }, cancellationToken);

    public Task<StepClaim> TryClaimStepAsync(string runId, string stepName, RunOwner owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return LockedAsync(async () =>
        {
            await using var transaction = await BeginWriteAsync(RunScope(runId), cancellationToken);
            var now = Now();
            var (status, current) = await StepStateAsync(transaction, runId, stepName, cancellationToken);
            if (current is not null && current.Token != owner.Token && current.IsLive(now))
            {
                return new StepClaim(false, status, current);
            }

            if (!StateTransitions.IsClaimable(status))
            {
                return new StepClaim(false, status, null);
            }

            await EnsureStepRowAsync(transaction, runId, stepName, cancellationToken);
            await WriteAsync(
                transaction,
                "UPDATE steps SET claim_token = @t, claim_holder = @h, claim_expires = @x WHERE run_id = @id AND name = @n",
                cancellationToken,
                ("@t", owner.Token),
                ("@h", owner.ToString()),
                ("@x", Text(now + lease)),
                ("@id", runId),
                ("@n", stepName));
            await transaction.CommitAsync(cancellationToken);
            return StepClaim.Won(status);
        }, cancellationToken);
    }

    public Task<bool> RenewClaimAsync(string runId, string stepName, RunOwner owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return LockedAsync(
            async () => await WriteAsync(
                null,
                "UPDATE steps SET claim_expires = @x WHERE run_id = @id AND name = @n AND claim_token = @t",
                cancellationToken,
                ("@x", Text(Now() + lease)),
                ("@id", runId),
                ("@n", stepName),
                ("@t", owner.Token)) == 1,
            cancellationToken);
    }

    public Task ReleaseClaimAsync(string runId, string stepName, RunOwner owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return LockedAsync(
            () => WriteAsync(
                null,
                "UPDATE steps SET claim_token = NULL, claim_holder = NULL, claim_expires = NULL WHERE run_id = @id AND name = @n AND claim_token = @t",
                cancellationToken,
                ("@id", runId),
                ("@n", stepName),
                ("@t", owner.Token)),
            cancellationToken);
    }

    public Task<int> StepStartedAsync(string runId, string stepName, CancellationToken cancellationToken = default) =>
        StartedAsync(runId, stepName, null, cancellationToken);

    public Task<int> StepStartedAsync(string runId, string stepName, RunOwner owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return StartedAsync(runId, stepName, owner, cancellationToken);
    }

    // Outputs are stored as the step wrote them: they are structured (digests, tags), and a short secret that happens
    // to occur inside a digest would rewrite it. Free text (errors, reasons, event details) is masked; a step masks the
    // free-text fields of its outputs itself.
    public Task SaveProgressAsync(string runId, string stepName, JsonObject outputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return LockedAsync(
            () => WriteAsync(null, "UPDATE steps SET outputs = @o WHERE run_id = @id AND name = @n", cancellationToken, ("@o", outputs.ToJsonString()), ("@id", runId), ("@n", stepName)),
            cancellationToken);
    }

    public Task SaveProgressAsync(string runId, string stepName, JsonObject outputs, RunOwner owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(owner);
        return LockedAsync(async () =>
        {
            await using var transaction = await BeginWriteAsync(RunScope(runId), cancellationToken);
            await EnsureHeldAsync(transaction, runId, stepName, owner, cancellationToken);
            await WriteAsync(transaction, "UPDATE steps SET outputs = @o WHERE run_id = @id AND name = @n", cancellationToken, ("@o", outputs.ToJsonString()), ("@id", runId), ("@n", stepName));
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
    }

    public Task StepSucceededAsync(string runId, string stepName, JsonObject outputs, CancellationToken cancellationToken = default) =>
        SucceededAsync(runId, stepName, outputs, null, cancellationToken);

    public Task StepSucceededAsync(string runId, string stepName, JsonObject outputs, RunOwner owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return SucceededAsync(runId, stepName, outputs, owner, cancellationToken);
    }

    public Task StepSkippedAsync(string runId, string stepName, string reason, CancellationToken cancellationToken = default) =>
        SkippedAsync(runId, stepName, reason, null, cancellationToken);

    public Task StepSkippedAsync(string runId, string stepName, string reason, RunOwner owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return SkippedAsync(runId, stepName, reason, owner, cancellationToken);
    }

    public Task SetStepStatusAsync(string runId, string stepName, StepStatus status, string? errorMessage, CancellationToken cancellationToken = default) =>
        StatusAsync(runId, stepName, status, errorMessage, null, cancellationToken);

    public Task SetStepStatusAsync(string runId, string stepName, StepStatus status, string? errorMessage, RunOwner owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return StatusAsync(runId, stepName, status, errorMessage, owner, cancellationToken);
    }

    public Task SetRunStatusAsync(string runId, RunStatus status, bool open, CancellationToken cancellationToken = default) =>
        LockedAsync(async () =>
        {
            await using var transaction = await BeginWriteAsync(RunScope(runId), cancellationToken);
            var run = await RunInAsync(transaction, runId, cancellationToken);
            if (run.Status == status && run.Open == open)
            {
                // Two runners finishing one run both find it succeeded: nothing moves, so nothing to refuse.
                return;
            }

            StateTransitions.EnsureAllowed(runId, run.Status, status);
            var now = Now();
            var finished = status is RunStatus.Succeeded or RunStatus.RolledBack or RunStatus.Failed or RunStatus.Cancelled && !open;
            await WriteAsync(
                transaction,
                "UPDATE runs SET status = @s, open = @open, updated_at = @now, finished_at = CASE WHEN @f = 1 THEN @now ELSE NULL END WHERE id = @id",
                cancellationToken,
                ("@s", StatusNames.Of(status)),
                ("@open", open ? 1 : 0),
                ("@now", Text(now)),
                ("@f", finished ? 1 : 0),
                ("@id", runId));
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);

    public Task AppendEventAsync(string runId, string kind, string? actor, string? stepName, string? detail, CancellationToken cancellationToken = default) =>
        LockedAsync(() => InsertEventAsync(null, runId, Now(), kind, actor, stepName, detail, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<RunEvent>> EventsAsync(string runId, CancellationToken cancellationToken = default) =>
        LockedAsync<IReadOnlyList<RunEvent>>(async () =>
        {
            await using var command = Command(null, "SELECT id, at, kind, actor, step, detail FROM events WHERE run_id = @id ORDER BY id", ("@id", runId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var events = new List<RunEvent>();
            while (await reader.ReadAsync(cancellationToken))
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

    /// <summary>
    /// A write transaction that serialises, before it reads, with every other writer of the same <paramref name="scope"/>
    /// (one run, or one project and version); writers of other runs need not wait.
    /// </summary>
    protected abstract Task<DbTransaction> BeginWriteAsync(string scope, CancellationToken cancellationToken);

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

    private Task<int> StartedAsync(string runId, string stepName, RunOwner? owner, CancellationToken cancellationToken) =>
        LockedAsync(async () =>
        {
            await using var transaction = await BeginWriteAsync(RunScope(runId), cancellationToken);
            var now = Now();
            await MoveStepAsync(transaction, runId, stepName, StepStatus.Running, owner, cancellationToken);
            await WriteAsync(
                transaction,
                """
                UPDATE steps SET status = @s, attempt = attempt + 1, started_at = @now, ended_at = NULL, error = NULL, reason = NULL,
                    sequence = (SELECT COALESCE(MAX(sequence), 0) + 1 FROM steps WHERE run_id = @id)
                WHERE run_id = @id AND name = @n
                """,
                cancellationToken,
                ("@s", StatusNames.Of(StepStatus.Running)),
                ("@now", Text(now)),
                ("@id", runId),
                ("@n", stepName));
            await TouchAsync(transaction, runId, now, cancellationToken);
            await using var command = Command(transaction, "SELECT attempt FROM steps WHERE run_id = @id AND name = @n", ("@id", runId), ("@n", stepName));
            var attempt = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            await transaction.CommitAsync(cancellationToken);
            return attempt;
        }, cancellationToken);

    private Task<bool> SucceededAsync(string runId, string stepName, JsonObject outputs, RunOwner? owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return LockedAsync(async () =>
        {
            await using var transaction = await BeginWriteAsync(RunScope(runId), cancellationToken);
            var now = Now();
            await MoveStepAsync(transaction, runId, stepName, StepStatus.Succeeded, owner, cancellationToken);
            await WriteAsync(
                transaction,
                "UPDATE steps SET status = @s, ended_at = @now, outputs = @o, error = NULL, claim_token = NULL, claim_holder = NULL, claim_expires = NULL WHERE run_id = @id AND name = @n",
                cancellationToken,
                ("@s", StatusNames.Of(StepStatus.Succeeded)),
                ("@now", Text(now)),
                ("@o", outputs.ToJsonString()),
                ("@id", runId),
                ("@n", stepName));
            await TouchAsync(transaction, runId, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
    }

    private Task<bool> SkippedAsync(string runId, string stepName, string reason, RunOwner? owner, CancellationToken cancellationToken) =>
        LockedAsync(async () =>
        {
            await using var transaction = await BeginWriteAsync(RunScope(runId), cancellationToken);
            var now = Now();
            await MoveStepAsync(transaction, runId, stepName, StepStatus.Skipped, owner, cancellationToken);
            await WriteAsync(
                transaction,
                "UPDATE steps SET status = @s, ended_at = @now, reason = @r, claim_token = NULL, claim_holder = NULL, claim_expires = NULL WHERE run_id = @id AND name = @n",
                cancellationToken,
                ("@s", StatusNames.Of(StepStatus.Skipped)),
                ("@now", Text(now)),
                ("@r", _redactor.Redact(reason)),
                ("@id", runId),
                ("@n", stepName));
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);

    private Task<bool> StatusAsync(string runId, string stepName, StepStatus status, string? errorMessage, RunOwner? owner, CancellationToken cancellationToken) =>
        LockedAsync(async () =>
        {
            await using var transaction = await BeginWriteAsync(RunScope(runId), cancellationToken);
            var now = Now();
            await MoveStepAsync(transaction, runId, stepName, status, owner, cancellationToken);
            var ends = status is StepStatus.Failed or StepStatus.Compensated or StepStatus.CompensationFailed;
            var releases = ends || status == StepStatus.AwaitingApproval;
            await WriteAsync(
                transaction,
                """
                UPDATE steps SET status = @s, error = COALESCE(@e, error), ended_at = CASE WHEN @ends = 1 THEN @now ELSE ended_at END,
                    claim_token = CASE WHEN @rel = 1 THEN NULL ELSE claim_token END,
                    claim_holder = CASE WHEN @rel = 1 THEN NULL ELSE claim_holder END,
                    claim_expires = CASE WHEN @rel = 1 THEN NULL ELSE claim_expires END
                WHERE run_id = @id AND name = @n
                """,
                cancellationToken,
                ("@s", StatusNames.Of(status)),
                ("@e", errorMessage is null ? null : _redactor.Redact(errorMessage)),
                ("@ends", ends ? 1 : 0),
                ("@rel", releases ? 1 : 0),
                ("@now", Text(now)),
                ("@id", runId),
                ("@n", stepName));
            await TouchAsync(transaction, runId, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);

    private static string RunScope(string runId) => "run:" + runId;

    private static string NewId() => "run-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));

    private static JsonObject ParseObject(string text) =>
        JsonNode.Parse(text) as JsonObject ?? throw new FormatException("a recorded value is not a JSON object");

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static DateTimeOffset? ParseOrNull(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : Parse(reader.GetString(column));

    private static StepLease? LeaseOf(DbDataReader reader, int first) =>
        reader.IsDBNull(first) || reader.IsDBNull(first + 2)
            ? null
            : new StepLease(reader.GetString(first), reader.IsDBNull(first + 1) ? "another runner" : reader.GetString(first + 1), Parse(reader.GetString(first + 2)));

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private DateTimeOffset Now() => _time.GetUtcNow();

    private async Task<RunRecord> RunInAsync(DbTransaction transaction, string runId, CancellationToken cancellationToken) =>
        (await QueryRunsAsync(transaction, "WHERE id = @id", cancellationToken, ("@id", runId))).FirstOrDefault() ?? throw StateErrors.RunNotFound(runId);

    /// <summary>The stored status of a step (pending when it has no row yet) and its claim.</summary>
    private async Task<(StepStatus Status, StepLease? Lease)> StepStateAsync(DbTransaction transaction, string runId, string stepName, CancellationToken cancellationToken)
    {
        await using var command = Command(
            transaction,
            "SELECT status, claim_token, claim_holder, claim_expires FROM steps WHERE run_id = @id AND name = @n",
            ("@id", runId),
            ("@n", stepName));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (StatusNames.ParseStep(reader.GetString(0)), LeaseOf(reader, 1))
            : (StepStatus.Pending, null);
    }

    /// <summary>
    /// Checks the move against the table and, for a claimed step's result (<paramref name="owner"/> given), that the
    /// caller still holds the claim, in the write's own transaction.
    /// </summary>
    private async Task MoveStepAsync(DbTransaction transaction, string runId, string stepName, StepStatus to, RunOwner? owner, CancellationToken cancellationToken)
    {
        var (from, lease) = await StepStateAsync(transaction, runId, stepName, cancellationToken);
        if (owner is not null)
        {
            EnsureHeld(runId, stepName, owner, lease);
        }

        StateTransitions.EnsureAllowed(runId, stepName, from, to);
        await EnsureStepRowAsync(transaction, runId, stepName, cancellationToken);
    }

    private async Task EnsureHeldAsync(DbTransaction transaction, string runId, string stepName, RunOwner owner, CancellationToken cancellationToken)
    {
        var (_, lease) = await StepStateAsync(transaction, runId, stepName, cancellationToken);
        EnsureHeld(runId, stepName, owner, lease);
    }

    // The token alone decides, not the expiry: this write and any takeover serialise on the run, so a claim that ran
    // out but that no one took over is still this runner's, and its result is the only one there will be.
    private static void EnsureHeld(string runId, string stepName, RunOwner owner, StepLease? lease)
    {
        if (lease?.Token != owner.Token)
        {
            throw StateErrors.StepClaimLost(runId, stepName, owner, lease);
        }
    }

    private Task<int> TouchAsync(DbTransaction transaction, string runId, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(transaction, "UPDATE runs SET updated_at = @now WHERE id = @id", cancellationToken, ("@now", Text(now)), ("@id", runId));

    private Task<int> EnsureStepRowAsync(DbTransaction transaction, string runId, string stepName, CancellationToken cancellationToken) =>
        WriteAsync(
            transaction,
            "INSERT INTO steps (run_id, name, status) VALUES (@id, @n, @s) ON CONFLICT (run_id, name) DO NOTHING",
            cancellationToken,
            ("@id", runId),
            ("@n", stepName),
            ("@s", StatusNames.Of(StepStatus.Pending)));

    private Task<int> InsertEventAsync(DbTransaction? transaction, string runId, DateTimeOffset at, string kind, string? actor, string? stepName, string? detail, CancellationToken cancellationToken) =>
        WriteAsync(
            transaction,
            "INSERT INTO events (run_id, at, kind, actor, step, detail) VALUES (@id, @now, @k, @a, @s, @d)",
            cancellationToken,
            ("@id", runId),
            ("@now", Text(at)),
            ("@k", kind),
            ("@a", actor is null ? null : _redactor.Redact(actor)),
            ("@s", stepName),
            ("@d", detail is null ? null : _redactor.Redact(detail)));

    private async Task<List<RunRecord>> QueryRunsAsync(DbTransaction? transaction, string where, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(transaction, $"SELECT {RunColumns} FROM runs {where}", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<RunRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
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
                ParseOrNull(reader, 10)));
        }

        return runs;
    }

    private async Task<int> WriteAsync(DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
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

    private async Task<T> LockedAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        // One connection serves the runner's parallel steps and its heartbeats; neither driver's connections are thread-safe.
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
                    return await action();
                }
                catch (DbException e) when (IsBusy(e) && clock.Elapsed < LockTimeout)
                {
                }
                catch (Exception e) when (e is not SlipwayException && e is not OperationCanceledException && Translate(e) is { } translated)
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

    private Task<bool> LockedAsync(Func<Task> action, CancellationToken cancellationToken) =>
        LockedAsync<bool>(async () =>
        {
            await action();
            return true;
        }, cancellationToken);
}
