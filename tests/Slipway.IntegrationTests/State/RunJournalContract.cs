using System.Text.Json.Nodes;
using Slipway.Diagnostics;
using Slipway.State;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.State;

/// <summary>
/// What every <see cref="IRunJournal"/> must do, whatever stores it: one subclass per store (SQLite, PostgreSQL)
/// runs the same tests.
/// </summary>
public abstract class RunJournalContract
{
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A new connection to the same store each call, as a separate process would open.</summary>
    protected abstract IRunJournal Open(TimeProvider? time = null);

    protected static NewRun Run(string version = "1.2.3") =>
        new("demo", version, new string('a', 40), "sha256:00", new JsonObject { ["allowDirty"] = false });

    [Fact]
    public async Task Of_many_connections_opening_one_version_at_once_exactly_one_starts_a_run()
    {
        var journals = Enumerable.Range(0, 8).Select(_ => Open()).ToList();
        try
        {
            using var start = new Barrier(journals.Count);
            var claims = journals.Select(journal => Task.Run(
                async () =>
                {
                    start.SignalAndWait(Token);
                    return await journal.OpenRunAsync(Run(), Token);
                },
                Token)).ToList();

            var results = await Task.WhenAll(claims);

            Assert.Single(results, r => r.Created);
            Assert.Single(results.Select(r => r.Run.Id).Distinct());
            Assert.NotNull(await journals[0].FindOpenRunAsync("demo", "1.2.3", Token));
        }
        finally
        {
            journals.ForEach(j => j.Dispose());
        }
    }

    [Fact]
    public async Task Of_two_runners_claiming_one_ready_step_at_once_exactly_one_wins_in_each_of_100_trials()
    {
        using var first = Open();
        using var second = Open();
        var run = (await first.OpenRunAsync(Run(), Token)).Run;
        var runners = new[] { (Journal: first, Owner: RunOwner.ForThisProcess()), (Journal: second, Owner: RunOwner.ForThisProcess()) };

        for (var trial = 0; trial < 100; trial++)
        {
            var step = $"step-{trial}";
            using var start = new Barrier(runners.Length);
            var claims = runners.Select(r => Task.Run(
                async () =>
                {
                    start.SignalAndWait(Token);
                    return await r.Journal.TryClaimStepAsync(run.Id, step, r.Owner, TimeSpan.FromMinutes(1), Token);
                },
                Token)).ToList();

            var results = await Task.WhenAll(claims);

            Assert.Single(results, c => c.Claimed);
            var loser = Assert.Single(results, c => !c.Claimed);
            var winner = runners[Array.FindIndex(results, c => c.Claimed)].Owner;
            Assert.Equal(winner.Token, loser.HeldBy?.Token);
        }
    }

    [Fact]
    public async Task A_claim_holds_while_its_lease_is_live_and_is_taken_over_once_it_expired()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var journal = Open(time);
        var run = (await journal.OpenRunAsync(Run(), Token)).Run;
        var dead = RunOwner.ForThisProcess();
        var other = RunOwner.ForThisProcess();
        var lease = TimeSpan.FromSeconds(30);
        Assert.True((await journal.TryClaimStepAsync(run.Id, "build", dead, lease, Token)).Claimed);
        await journal.StepStartedAsync(run.Id, "build", Token);

        time.Advance(TimeSpan.FromSeconds(29));
        var refused = await journal.TryClaimStepAsync(run.Id, "build", other, lease, Token);
        Assert.False(refused.Claimed);
        Assert.Equal(dead.ToString(), refused.HeldBy?.Holder);

        // A heartbeat moves the expiry on; a runner that does not hold the claim cannot renew it.
        Assert.True(await journal.RenewClaimAsync(run.Id, "build", dead, lease, Token));
        Assert.False(await journal.RenewClaimAsync(run.Id, "build", other, lease, Token));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False((await journal.TryClaimStepAsync(run.Id, "build", other, lease, Token)).Claimed);

        time.Advance(TimeSpan.FromSeconds(2));
        var taken = await journal.TryClaimStepAsync(run.Id, "build", other, lease, Token);
        Assert.True(taken.Claimed);
        Assert.Equal(StepStatus.Running, taken.Status);
        Assert.False(await journal.RenewClaimAsync(run.Id, "build", dead, lease, Token));
        Assert.Equal(2, await journal.StepStartedAsync(run.Id, "build", Token));
        var step = (await journal.StepsAsync(run.Id, Token)).Single();
        Assert.Equal(other.Token, step.Lease?.Token);
    }

    [Fact]
    public async Task A_runner_whose_lease_was_taken_over_journals_neither_its_progress_nor_its_success_nor_its_failure()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var a = Open(time);
        using var b = Open(time);
        var run = (await a.OpenRunAsync(Run(), Token)).Run;
        var stalled = RunOwner.ForThisProcess();
        var taker = RunOwner.ForThisProcess();
        var lease = TimeSpan.FromSeconds(30);
        Assert.True((await a.TryClaimStepAsync(run.Id, "sign", stalled, lease, Token)).Claimed);
        Assert.Equal(1, await a.StepStartedAsync(run.Id, "sign", stalled, Token));
        await a.SaveProgressAsync(run.Id, "sign", new JsonObject { ["by"] = "a" }, stalled, Token);

        time.Advance(TimeSpan.FromSeconds(31));
        Assert.True((await b.TryClaimStepAsync(run.Id, "sign", taker, lease, Token)).Claimed);
        Assert.Equal(2, await b.StepStartedAsync(run.Id, "sign", taker, Token));
        await b.SaveProgressAsync(run.Id, "sign", new JsonObject { ["by"] = "b" }, taker, Token);
        var before = Assert.Single(await a.StepsAsync(run.Id, Token));
        var eventsBefore = (await a.EventsAsync(run.Id, Token)).Count;

        var refused = new List<SlipwayException>
        {
            await Assert.ThrowsAsync<SlipwayException>(() => a.SaveProgressAsync(run.Id, "sign", new JsonObject { ["by"] = "a, later" }, stalled, Token)),
            await Assert.ThrowsAsync<SlipwayException>(() => a.StepSucceededAsync(run.Id, "sign", new JsonObject { ["by"] = "a" }, stalled, Token)),
            await Assert.ThrowsAsync<SlipwayException>(() => a.SetStepStatusAsync(run.Id, "sign", StepStatus.Failed, "a failed", stalled, Token)),
            await Assert.ThrowsAsync<SlipwayException>(() => a.SetStepStatusAsync(run.Id, "sign", StepStatus.AwaitingApproval, null, stalled, Token)),
            await Assert.ThrowsAsync<SlipwayException>(() => a.StepSkippedAsync(run.Id, "sign", "a skipped", stalled, Token)),
            await Assert.ThrowsAsync<SlipwayException>(() => a.StepStartedAsync(run.Id, "sign", stalled, Token)),
        };

        Assert.All(refused, e => Assert.Equal(ErrorCode.StepClaimLost, e.Code));
        Assert.All(refused, e => Assert.Equal(ExitCodes.Failed, e.ExitCode));
        Assert.Contains($"step 'sign' of run {run.Id} is no longer held by {stalled}: its lease ran out and {taker} took it over", refused[0].Message, StringComparison.Ordinal);
        var after = Assert.Single(await b.StepsAsync(run.Id, Token));
        Assert.Equal((StepStatus.Running, 2, "b"), (after.Status, after.Attempt, after.Outputs?["by"]?.GetValue<string>()));
        Assert.Equal((before.Sequence, before.StartedAt, before.EndedAt, before.Error, before.Reason), (after.Sequence, after.StartedAt, after.EndedAt, after.Error, after.Reason));
        Assert.Equal(taker.Token, after.Lease?.Token);
        Assert.Equal(before.Lease, after.Lease);
        Assert.Equal(eventsBefore, (await b.EventsAsync(run.Id, Token)).Count);

        // The runner that took the step over journals the result.
        await b.StepSucceededAsync(run.Id, "sign", new JsonObject { ["by"] = "b" }, taker, Token);
        var done = Assert.Single(await a.StepsAsync(run.Id, Token));
        Assert.Equal((StepStatus.Succeeded, "b"), (done.Status, done.Outputs?["by"]?.GetValue<string>()));
        Assert.Null(done.Lease);
    }

    [Fact]
    public async Task A_claim_that_ran_out_but_was_not_taken_over_still_journals_its_result_and_one_given_up_does_not()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var journal = Open(time);
        var run = (await journal.OpenRunAsync(Run(), Token)).Run;
        var owner = RunOwner.ForThisProcess();
        var lease = TimeSpan.FromSeconds(30);
        await journal.TryClaimStepAsync(run.Id, "gates", owner, lease, Token);
        await journal.StepStartedAsync(run.Id, "gates", owner, Token);
        await journal.TryClaimStepAsync(run.Id, "scan", owner, lease, Token);
        await journal.StepStartedAsync(run.Id, "scan", owner, Token);
        await journal.ReleaseClaimAsync(run.Id, "scan", owner, Token);

        time.Advance(TimeSpan.FromMinutes(5));
        await journal.StepSucceededAsync(run.Id, "gates", new JsonObject { ["ok"] = true }, owner, Token);
        var ended = await Assert.ThrowsAsync<SlipwayException>(() => journal.SetStepStatusAsync(run.Id, "scan", StepStatus.Failed, "late", owner, Token));

        Assert.Equal(ErrorCode.StepClaimLost, ended.Code);
        Assert.Contains("its claim ended; nothing was journaled", ended.Message, StringComparison.Ordinal);
        var steps = (await journal.StepsAsync(run.Id, Token)).ToDictionary(s => s.Name);
        Assert.Equal(StepStatus.Succeeded, steps["gates"].Status);
        Assert.Equal((StepStatus.Running, (string?)null), (steps["scan"].Status, steps["scan"].Error));
    }

    [Fact]
    public async Task A_stalled_runners_success_racing_a_takeover_is_journaled_only_when_it_came_first_in_each_of_50_trials()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var a = Open(time);
        using var b = Open(time);
        var run = (await a.OpenRunAsync(Run(), Token)).Run;
        var stalled = RunOwner.ForThisProcess();
        var taker = RunOwner.ForThisProcess();
        var lease = TimeSpan.FromSeconds(30);
        var steps = Enumerable.Range(0, 50).Select(i => $"step-{i}").ToList();
        foreach (var step in steps)
        {
            await a.TryClaimStepAsync(run.Id, step, stalled, lease, Token);
            await a.StepStartedAsync(run.Id, step, stalled, Token);
        }

        time.Advance(TimeSpan.FromSeconds(31));
        foreach (var step in steps)
        {
            using var start = new Barrier(2);
            var success = Task.Run(
                async () =>
                {
                    start.SignalAndWait(Token);
                    try
                    {
                        await a.StepSucceededAsync(run.Id, step, new JsonObject { ["by"] = "a" }, stalled, Token);
                        return true;
                    }
                    catch (SlipwayException e) when (e.Code == ErrorCode.StepClaimLost)
                    {
                        return false;
                    }
                },
                Token);
            var takeover = Task.Run(
                async () =>
                {
                    start.SignalAndWait(Token);
                    return await b.TryClaimStepAsync(run.Id, step, taker, lease, Token);
                },
                Token);

            var (journaled, claim) = (await success, await takeover);

            Assert.NotEqual(journaled, claim.Claimed);
            var record = (await b.StepsAsync(run.Id, Token)).Single(s => s.Name == step);
            if (journaled)
            {
                Assert.Equal((StepStatus.Succeeded, StepStatus.Succeeded, "a"), (claim.Status, record.Status, record.Outputs?["by"]?.GetValue<string>()));
            }
            else
            {
                Assert.Equal((StepStatus.Running, (JsonObject?)null, taker.Token), (record.Status, record.Outputs, record.Lease?.Token));
            }
        }
    }

    [Fact]
    public async Task A_finished_step_cannot_be_claimed_and_its_result_ends_the_claim()
    {
        using var journal = Open();
        var run = (await journal.OpenRunAsync(Run(), Token)).Run;
        var owner = RunOwner.ForThisProcess();
        await journal.TryClaimStepAsync(run.Id, "gates", owner, TimeSpan.FromMinutes(1), Token);
        await journal.StepStartedAsync(run.Id, "gates", Token);
        await journal.StepSucceededAsync(run.Id, "gates", [], Token);

        var claim = await journal.TryClaimStepAsync(run.Id, "gates", RunOwner.ForThisProcess(), TimeSpan.FromMinutes(1), Token);

        Assert.False(claim.Claimed);
        Assert.Equal(StepStatus.Succeeded, claim.Status);
        Assert.Null(claim.HeldBy);
        Assert.Null((await journal.StepsAsync(run.Id, Token)).Single().Lease);
    }

    [Fact]
    public async Task An_illegal_transition_is_refused_with_both_states_and_changes_nothing()
    {
        using var journal = Open();
        var run = (await journal.OpenRunAsync(Run(), Token)).Run;
        await journal.StepStartedAsync(run.Id, "gates", Token);
        await journal.StepSucceededAsync(run.Id, "gates", new JsonObject { ["ok"] = true }, Token);

        var restart = await Assert.ThrowsAsync<SlipwayException>(() => journal.StepStartedAsync(run.Id, "gates", Token));
        var pending = await Assert.ThrowsAsync<SlipwayException>(() => journal.SetStepStatusAsync(run.Id, "build", StepStatus.Compensated, null, Token));
        await journal.SetRunStatusAsync(run.Id, RunStatus.Succeeded, open: false, Token);
        var reopened = await Assert.ThrowsAsync<SlipwayException>(() => journal.SetRunStatusAsync(run.Id, RunStatus.Running, open: true, Token));

        Assert.Equal(ErrorCode.IllegalTransition, restart.Code);
        Assert.Contains("from succeeded to running", restart.Message, StringComparison.Ordinal);
        Assert.Contains("from pending to compensated", pending.Message, StringComparison.Ordinal);
        Assert.Contains($"run {run.Id} cannot go from succeeded to running", reopened.Message, StringComparison.Ordinal);
        var step = Assert.Single(await journal.StepsAsync(run.Id, Token));
        Assert.Equal((StepStatus.Succeeded, 1), (step.Status, step.Attempt));
        Assert.Equal(RunStatus.Succeeded, (await journal.FindRunAsync(run.Id, Token))!.Status);

        // Two runners that both saw the run finish may both say so: the same status is no move.
        await journal.SetRunStatusAsync(run.Id, RunStatus.Succeeded, open: false, Token);
    }

    [Fact]
    public async Task The_previous_release_is_the_latest_other_succeeded_run_of_the_project()
    {
        using var journal = Open();
        var owner = RunOwner.ForThisProcess();
        var older = (await journal.OpenRunAsync(Run("1.2.1"), Token)).Run;
        await journal.SetRunStatusAsync(older.Id, RunStatus.Succeeded, open: false, Token);
        var failed = (await journal.OpenRunAsync(Run("1.2.2"), Token)).Run;
        await journal.SetRunStatusAsync(failed.Id, RunStatus.RolledBack, open: false, Token);
        var current = (await journal.OpenRunAsync(Run("1.2.3"), Token)).Run;

        Assert.Equal(older.Id, (await journal.PreviousReleaseAsync("demo", current.Id, Token))?.Id);
        Assert.Null(await journal.PreviousReleaseAsync("demo", older.Id, Token));
        Assert.Null(await journal.PreviousReleaseAsync("other", current.Id, Token));
    }

    [Fact]
    public async Task A_closed_run_lets_the_next_run_of_that_version_start()
    {
        using var journal = Open();
        var owner = RunOwner.ForThisProcess();
        var first = await journal.OpenRunAsync(Run(), Token);
        await journal.SetRunStatusAsync(first.Run.Id, RunStatus.Failed, open: false, Token);

        var second = await journal.OpenRunAsync(Run(), Token);

        Assert.True(second.Created);
        Assert.NotEqual(first.Run.Id, second.Run.Id);
        var reopen = await Assert.ThrowsAsync<SlipwayException>(() => journal.ReopenAsync(first.Run.Id, Token));
        Assert.Equal(ErrorCode.RunAlreadyActive, reopen.Code);
    }

    [Fact]
    public async Task Journals_a_step_started_before_and_succeeded_after_with_outputs_and_attempts()
    {
        using var journal = Open();
        var run = (await journal.OpenRunAsync(Run(), Token)).Run;

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
