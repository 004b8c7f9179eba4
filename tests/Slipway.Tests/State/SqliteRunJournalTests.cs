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
            var claim = await journal.OpenRunAsync(Run(), Token);
            Assert.True(claim.Created);
            Assert.StartsWith("run-", claim.Run.Id, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(DatabasePath));
        Assert.Equal(4, UserVersion());
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

        Assert.Equal(4, UserVersion());
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
        var run = (await journal.OpenRunAsync(Run(), Token)).Run;
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
    public async Task Errors_and_events_are_redacted_before_they_are_stored_and_outputs_are_kept_as_written()
    {
        const string Secret = "c0ffee42";
        var digest = "sha256:" + new string('a', 20) + Secret + new string('b', 36);
        _redactor.Register(Secret);
        using var journal = Open();
        var run = (await journal.OpenRunAsync(Run(), Token)).Run;
        await journal.StepStartedAsync(run.Id, "push", Token);
        await journal.SaveProgressAsync(run.Id, "push", new JsonObject { ["digest"] = digest }, Token);
        await journal.SetStepStatusAsync(run.Id, "push", StepStatus.Failed, $"401 for {Secret}", Token);
        await journal.AppendEventAsync(run.Id, RunEventKinds.CompensationFailed, null, "push", $"token {Secret}", Token);

        var step = Assert.Single(await journal.StepsAsync(run.Id, Token));
        Assert.Equal(digest, step.Outputs!["digest"]!.GetValue<string>());
        Assert.Equal("401 for ***", step.Error);
        Assert.Equal("token ***", (await journal.EventsAsync(run.Id, Token))[^1].Detail);
    }
}
