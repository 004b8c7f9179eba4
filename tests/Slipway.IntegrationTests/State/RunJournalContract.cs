using System.Diagnostics;
using System.Text.Json.Nodes;
using Slipway.Diagnostics;
using Slipway.State;

namespace Slipway.IntegrationTests.State;

/// <summary>
/// What every <see cref="IRunJournal"/> must do, whatever stores it: one subclass per store (SQLite now; PostgreSQL
/// when it lands) runs the same tests.
/// </summary>
public abstract class RunJournalContract
{
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A new connection to the same store each call, as a separate process would open.</summary>
    protected abstract IRunJournal Open();

    protected static NewRun Run(string version = "1.2.3") =>
        new("demo", version, new string('a', 40), "sha256:00", new JsonObject { ["allowDirty"] = false });

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
    public async Task The_previous_release_is_the_latest_other_succeeded_run_of_the_project()
    {
        using var journal = Open();
        var owner = RunOwner.ForThisProcess();
        var older = (await journal.ClaimAsync(Run("1.2.1"), owner, Token)).Run;
        await journal.SetRunStatusAsync(older.Id, RunStatus.Succeeded, open: false, Token);
        var failed = (await journal.ClaimAsync(Run("1.2.2"), owner, Token)).Run;
        await journal.SetRunStatusAsync(failed.Id, RunStatus.RolledBack, open: false, Token);
        var current = (await journal.ClaimAsync(Run("1.2.3"), owner, Token)).Run;

        Assert.Equal(older.Id, (await journal.PreviousReleaseAsync("demo", current.Id, Token))?.Id);
        Assert.Null(await journal.PreviousReleaseAsync("demo", older.Id, Token));
        Assert.Null(await journal.PreviousReleaseAsync("other", current.Id, Token));
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
        var reopen = await Assert.ThrowsAsync<SlipwayException>(() => journal.AcquireAsync(first.Run.Id, owner, reopen: true, cancellationToken: Token));
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
}
