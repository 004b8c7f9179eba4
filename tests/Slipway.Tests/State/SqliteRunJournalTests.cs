using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Slipway.Diagnostics;
using Slipway.State;
using Slipway.Tests.Infra;

namespace Slipway.Tests.State;

public sealed class SqliteRunJournalTests : IDisposable
{
    private readonly TempDirectory _directory = new("journal");
    private readonly SecretRedactor _redactor = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string DatabasePath => _directory[".slipway/state.db"];

    public void Dispose() => _directory.Dispose();

    private static NewRun Run(string version = "1.2.3") =>
        new("demo", version, new string('a', 40), "sha256:00", new JsonObject { ["allowDirty"] = false });

    private SqliteRunJournal Open(int? schemaVersion = null) => SqliteRunJournal.Open(DatabasePath, _redactor, null, schemaVersion);

    private long UserVersion()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Creates_the_journal_file_and_its_folder_at_the_latest_schema()
    {
        using (var journal = Open())
        {
            var claim = await journal.ClaimAsync(Run(), RunOwner.ForThisProcess(), Token);
            Assert.True(claim.Created);
            Assert.StartsWith("run-", claim.Run.Id, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(DatabasePath));
        Assert.Equal(2, UserVersion());
    }

    [Fact]
    public async Task Migrates_an_older_journal_forward_and_keeps_its_runs()
    {
        const string id = "run-0000abcd";
        using (Open(schemaVersion: 1))
        {
            Assert.Equal(1, UserVersion());
        }

        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = $"""
                INSERT INTO runs (id, project, version, commit_sha, config_hash, status, open, options, created_at, updated_at)
                VALUES ('{id}', 'demo', '1.2.3', '{new string('a', 40)}', 'sha256:00', 'failed', 1, '{"{}"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
                """;
            insert.ExecuteNonQuery();
        }

        using var journal = Open();

        Assert.Equal(2, UserVersion());
        Assert.Equal("1.2.3", (await journal.FindRunAsync(id, Token))!.Version);
        await journal.AppendEventAsync(id, RunEventKinds.Approved, "maintainer1", "approval", null, Token);
        Assert.Single(await journal.EventsAsync(id, Token));
    }

    [Fact]
    public void Refuses_a_journal_written_by_a_newer_slipway()
    {
        using (Open())
        {
        }

        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<SlipwayException>(() => Open());

        Assert.Equal(ErrorCode.JournalSchemaTooNew, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Equal(99, UserVersion());
    }

    [Fact]
    public async Task The_event_log_is_append_only()
    {
        using var journal = Open();
        var run = (await journal.ClaimAsync(Run(), RunOwner.ForThisProcess(), Token)).Run;
        await journal.AppendEventAsync(run.Id, RunEventKinds.Approved, "maintainer1", "approval", null, Token);

        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE events SET actor = 'mallory'";
        Assert.Throws<SqliteException>(() => update.ExecuteNonQuery());
        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM events";
        Assert.Throws<SqliteException>(() => delete.ExecuteNonQuery());

        Assert.Equal("maintainer1", (await journal.EventsAsync(run.Id, Token)).Single(e => e.Kind == RunEventKinds.Approved).Actor);
    }

    [Fact]
    public async Task Of_many_connections_claiming_one_version_at_once_exactly_one_starts_a_run()
    {
        var journals = Enumerable.Range(0, 8).Select(_ => Open()).ToList();
        try
        {
            using var start = new Barrier(journals.Count);
            var claims = journals.Select(journal => Task.Run(
                async () =>
                {
                    start.SignalAndWait(Token);
                    try
                    {
                        return (await journal.ClaimAsync(Run(), RunOwner.ForThisProcess(), Token)).Created ? "created" : "continued";
                    }
                    catch (SlipwayException e) when (e.Code == ErrorCode.RunAlreadyActive)
                    {
                        return "refused";
                    }
                },
                Token)).ToList();

            var results = await Task.WhenAll(claims);

            Assert.Single(results, r => r == "created");
            Assert.Equal(journals.Count - 1, results.Count(r => r == "refused"));
            Assert.NotNull(await journals[0].FindOpenRunAsync("demo", "1.2.3", Token));
        }
        finally
        {
            journals.ForEach(j => j.Dispose());
        }
    }

    [Fact]
    public async Task The_run_of_a_dead_owner_is_taken_over_not_duplicated()
    {
        using var journal = Open();
        using var exited = Process.Start("true")!;
        await exited.WaitForExitAsync(Token);
        var dead = new RunOwner("dead", Environment.MachineName, exited.Id);
        var first = await journal.ClaimAsync(Run(), dead, Token);

        var second = await journal.ClaimAsync(Run(), RunOwner.ForThisProcess(), Token);

        Assert.False(second.Created);
        Assert.Equal(first.Run.Id, second.Run.Id);
    }

    [Fact]
    public async Task A_closed_run_lets_the_next_run_of_that_version_start()
    {
        using var journal = Open();
        var owner = RunOwner.ForThisProcess();
        var first = await journal.ClaimAsync(Run(), owner, Token);
        await journal.SetRunStatusAsync(first.Run.Id, RunStatus.Failed, open: false, Token);

        var second = await journal.ClaimAsync(Run(), RunOwner.ForThisProcess(), Token);

        Assert.True(second.Created);
        Assert.NotEqual(first.Run.Id, second.Run.Id);
        var reopen = await Assert.ThrowsAsync<SlipwayException>(() => journal.AcquireAsync(first.Run.Id, owner, reopen: true, Token));
        Assert.Equal(ErrorCode.RunAlreadyActive, reopen.Code);
    }

    [Fact]
    public async Task Journals_a_step_started_before_and_succeeded_after_with_outputs_and_attempts()
    {
        using var journal = Open();
        var run = (await journal.ClaimAsync(Run(), RunOwner.ForThisProcess(), Token)).Run;

        Assert.Equal(1, await journal.StepStartedAsync(run.Id, "gates", Token));
        var started = (await journal.StepsAsync(run.Id, Token)).Single();
        Assert.Equal(StepStatus.Running, started.Status);
        Assert.Null(started.EndedAt);
        Assert.Equal(2, await journal.StepStartedAsync(run.Id, "gates", Token));
        await journal.StepSucceededAsync(run.Id, "gates", new JsonObject { ["gates"] = new JsonArray("unit") }, Token);

        var step = (await journal.StepsAsync(run.Id, Token)).Single();
        Assert.Equal(StepStatus.Succeeded, step.Status);
        Assert.Equal(2, step.Attempt);
        Assert.NotNull(step.EndedAt);
        Assert.Equal("unit", step.Outputs!["gates"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Outputs_errors_and_events_are_redacted_before_they_are_stored()
    {
        const string Secret = "s3cr3t-registry-password";
        _redactor.Register(Secret);
        using (var journal = Open())
        {
            var run = (await journal.ClaimAsync(Run(), RunOwner.ForThisProcess(), Token)).Run;
            await journal.StepStartedAsync(run.Id, "push", Token);
            await journal.SaveProgressAsync(run.Id, "push", new JsonObject { ["auth"] = Secret }, Token);
            await journal.SetStepStatusAsync(run.Id, "push", StepStatus.Failed, $"401 for {Secret}", Token);
            await journal.AppendEventAsync(run.Id, RunEventKinds.CompensationFailed, null, "push", $"token {Secret}", Token);
        }

        foreach (var file in Directory.EnumerateFiles(_directory[".slipway"]))
        {
            Assert.DoesNotContain(Secret, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }
}
