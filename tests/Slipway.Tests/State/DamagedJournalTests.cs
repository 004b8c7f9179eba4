using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Slipway.Diagnostics;
using Slipway.State;
using Slipway.Tests.Infra;

namespace Slipway.Tests.State;

/// <summary>A state.db that is garbage, truncated, foreign or locked ends in a coded one-line error, never a stack trace.</summary>
public sealed class DamagedJournalTests : IDisposable
{
    private readonly TempDirectory _directory = new("journal");
    private readonly SecretRedactor _redactor = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string DatabasePath => _directory[".slipway/state.db"];

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_file_that_is_not_a_database_is_not_a_journal()
    {
        _directory.Write(".slipway/state.db", string.Concat(Enumerable.Repeat("this is not SQLite\n", 400)));
        var before = File.ReadAllBytes(DatabasePath);

        var error = Assert.Throws<SlipwayException>(() => SqliteRunJournal.Open(DatabasePath, _redactor));

        Assert.Equal(ErrorCode.JournalUnreadable, error.Code);
        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.Equal($"{DatabasePath} is not a Slipway journal (file is not a database)", error.Message);
        Assert.Equal(before, File.ReadAllBytes(DatabasePath));
    }

    [Fact]
    public async Task A_truncated_journal_is_not_a_journal()
    {
        await WriteJournalWithRunsAsync(50);
        var bytes = File.ReadAllBytes(DatabasePath);
        Assert.True(bytes.Length > 3 * 4096, $"{bytes.Length} bytes");
        File.WriteAllBytes(DatabasePath, bytes[..(2 * 4096)]);

        var error = await Assert.ThrowsAsync<SlipwayException>(async () =>
        {
            using var journal = SqliteRunJournal.Open(DatabasePath, _redactor);
            await journal.LatestRunAsync("demo", Token);
            for (var i = 0; i < 50; i++)
            {
                await journal.OpenRunAsync(Run($"2.0.{i}"), Token);
            }
        });

        Assert.Equal(ErrorCode.JournalUnreadable, error.Code);
        Assert.Contains("is not a Slipway journal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_of_another_program_is_not_a_journal()
    {
        Directory.CreateDirectory(_directory[".slipway"]);
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE runs (x INTEGER);";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<SlipwayException>(() => SqliteRunJournal.Open(DatabasePath, _redactor));

        Assert.Equal(ErrorCode.JournalUnreadable, error.Code);
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_with_a_status_slipway_does_not_know_is_a_coded_error()
    {
        await WriteJournalWithRunsAsync(1);
        Execute("UPDATE runs SET status = 'exploded'");

        using var journal = SqliteRunJournal.Open(DatabasePath, _redactor);
        var error = await Assert.ThrowsAsync<SlipwayException>(() => journal.LatestRunAsync("demo", Token));

        Assert.Equal(ErrorCode.JournalUnreadable, error.Code);
        Assert.Contains("unknown run status 'exploded'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_that_are_not_a_json_object_are_a_coded_error()
    {
        await WriteJournalWithRunsAsync(1);
        Execute("UPDATE runs SET options = '[1]'");

        using var journal = SqliteRunJournal.Open(DatabasePath, _redactor);
        var error = await Assert.ThrowsAsync<SlipwayException>(() => journal.LatestRunAsync("demo", Token));

        Assert.Equal(ErrorCode.JournalUnreadable, error.Code);
    }

    [Fact]
    public async Task A_journal_another_connection_holds_locked_is_a_coded_error_after_a_bounded_wait()
    {
        await WriteJournalWithRunsAsync(1);
        using var holder = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        holder.Open();
        using var transaction = holder.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        using (var exclusive = holder.CreateCommand())
        {
            exclusive.Transaction = transaction;
            exclusive.CommandText = "INSERT INTO events (run_id, at, kind) SELECT id, 'now', 'held' FROM runs";
            exclusive.ExecuteNonQuery();
        }

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<SlipwayException>(() => SqliteRunJournal.Open(DatabasePath, _redactor, lockTimeout: TimeSpan.FromSeconds(1)));

        Assert.Equal(ErrorCode.JournalLocked, error.Code);
        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.Equal($"{DatabasePath} is locked by another process (waited 1 s)", error.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_write_to_a_journal_locked_after_it_was_opened_is_a_coded_error_after_a_bounded_wait()
    {
        await WriteJournalWithRunsAsync(1);
        using var journal = SqliteRunJournal.Open(DatabasePath, _redactor, lockTimeout: TimeSpan.FromSeconds(1));
        using var holder = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        holder.Open();
        using var transaction = holder.BeginTransaction(deferred: false);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<SlipwayException>(() => journal.OpenRunAsync(Run("9.9.9"), Token));

        Assert.Equal(ErrorCode.JournalLocked, error.Code);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        transaction.Rollback();
        Assert.Null(await journal.FindOpenRunAsync("demo", "9.9.9", Token));
    }

    [Fact]
    public async Task Waiting_for_a_locked_journal_stops_when_cancelled()
    {
        await WriteJournalWithRunsAsync(1);
        using var journal = SqliteRunJournal.Open(DatabasePath, _redactor);
        using var holder = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        holder.Open();
        using var transaction = holder.BeginTransaction(deferred: false);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => journal.OpenRunAsync(Run("9.9.9"), cancellation.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.5), $"{clock.Elapsed}");
    }

    [Fact]
    public async Task Status_on_a_garbage_journal_prints_one_coded_line_and_exits_1()
    {
        using var repository = GitTestRepository.Init();
        repository.Commit("initial", ("README.md", "# demo\n"));
        Assert.Equal(0, (await CliRunner.RunAsync(repository.Path, "init")).ExitCode);
        repository.Write(".slipway/state.db", new string('x', 5000));

        var result = await CliRunner.RunAsync(repository.Path, "status");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.StartsWith("slipway: error SLW8031: ", result.Err, StringComparison.Ordinal);
        Assert.Contains("state.db is not a Slipway journal (file is not a database)", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
    }

    private static NewRun Run(string version) =>
        new("demo", version, new string('a', 40), "sha256:00", new JsonObject { ["note"] = new string('n', 2000) });

    private async Task WriteJournalWithRunsAsync(int count)
    {
        using var journal = SqliteRunJournal.Open(DatabasePath, _redactor);
        for (var i = 0; i < count; i++)
        {
            var claim = await journal.OpenRunAsync(Run($"1.0.{i}"), Token);
            await journal.AppendEventAsync(claim.Run.Id, RunEventKinds.Started, null, null, new string('e', 2000), Token);
        }
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
