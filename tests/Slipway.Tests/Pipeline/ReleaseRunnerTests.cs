using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.State;

namespace Slipway.Tests.Pipeline;

public sealed class ReleaseRunnerTests : IDisposable
{
    private readonly RunnerHarness _harness = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    private static SlipwayException Forbidden() =>
        SlipwayException.Failure(ErrorCode.CompensationFailed, "DELETE http://registry/v2/demo/manifests/sha256:abc returned 403 DENIED");

    [Fact]
    public async Task Runs_steps_after_their_dependencies_and_journals_their_outputs()
    {
        var run = await _harness.NewRunAsync();
        var runner = _harness.Runner(_harness.Step("c", "b"), _harness.Step("a"), _harness.Step("b", "a"));

        var outcome = await runner.ExecuteAsync(run, new RunInvocation(MaxParallelism: 1), Token);

        Assert.Equal(RunStatus.Succeeded, outcome.Run.Status);
        Assert.False(outcome.Run.Open);
        Assert.Equal(["start a", "end a", "start b", "end b", "start c", "end c"], _harness.Log);
        var steps = await _harness.StepsAsync(run.Id);
        Assert.All(steps.Values, s => Assert.Equal(StepStatus.Succeeded, s.Status));
        Assert.Equal("b", steps["b"].Outputs!["did"]!.GetValue<string>());
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
    }

    [Fact]
    public async Task Runs_independent_steps_in_parallel_but_never_more_than_the_bound()
    {
        var run = await _harness.NewRunAsync();
        var steps = Enumerable.Range(1, 5)
            .Select(i => new FakeStep($"s{i}") { Log = _harness.Log, Delay = TimeSpan.FromMilliseconds(150) })
            .ToArray();

        await _harness.Runner(steps).ExecuteAsync(run, new RunInvocation(MaxParallelism: 2), Token);

        var running = 0;
        var peak = 0;
        foreach (var entry in _harness.Log)
        {
            running += entry.StartsWith("start", StringComparison.Ordinal) ? 1 : -1;
            peak = Math.Max(peak, running);
        }

        Assert.Equal(2, peak);
        Assert.Equal(10, _harness.Log.Count);
    }

    [Fact]
    public async Task A_failure_rolls_back_what_this_run_started_later_steps_first()
    {
        var run = await _harness.NewRunAsync();
        var runner = _harness.Runner(
            _harness.Step("a"),
            new FakeStep("skipped", "a") { Log = _harness.Log, When = _ => StepCondition.When("never", false, "not configured") },
            new FakeStep("not-undoable", "a") { Log = _harness.Log, Compensable = false },
            _harness.Step("b", "skipped", "not-undoable"),
            new FakeStep("c", "b") { Log = _harness.Log, FailOnAttempt = _ => new InvalidOperationException("boom") },
            _harness.Step("never", "c"));

        var outcome = await runner.ExecuteAsync(run, new RunInvocation(MaxParallelism: 1), Token);

        Assert.Equal(RunStatus.Failed, outcome.Run.Status);
        Assert.False(outcome.Run.Open);
        Assert.Equal(["undo c (no outputs)", "undo b b", "undo a a"], _harness.Entries("undo"));
        var steps = await _harness.StepsAsync(run.Id);
        Assert.Equal(StepStatus.Compensated, steps["c"].Status);
        Assert.Equal(StepStatus.Skipped, steps["skipped"].Status);
        Assert.Equal("not configured", steps["skipped"].Reason);
        Assert.Equal(StepStatus.Succeeded, steps["not-undoable"].Status);
        Assert.False(steps.ContainsKey("never"));
        Assert.Contains("boom", steps["c"].Error, StringComparison.Ordinal);
        var events = await _harness.Journal.EventsAsync(run.Id, Token);
        Assert.Equal(
            ["c", "b", "a"],
            events.Where(e => e.Kind == RunEventKinds.Compensated).Select(e => e.Step));
        Assert.Equal(ExitCodes.Failed, outcome.ExitCode);
    }

    [Fact]
    public async Task A_rolled_back_steps_outputs_stay_on_record_marked_compensated_so_a_rerun_starts_afresh()
    {
        var run = await _harness.NewRunAsync();
        var runner = _harness.Runner(
            _harness.Step("a"),
            new FakeStep("b", "a") { Log = _harness.Log, FailOnAttempt = _ => new InvalidOperationException("boom") });

        await runner.ExecuteAsync(run, new RunInvocation(MaxParallelism: 1), Token);

        var steps = await _harness.StepsAsync(run.Id);
        Assert.Equal("a", steps["a"].Outputs!["did"]!.GetValue<string>());
        Assert.True(steps["a"].Outputs![StepContext.CompensatedKey]!.GetValue<bool>());
        var context = runner.ContextFor("a", run, new RunInvocation());
        Assert.Null(await context.OwnProgressAsync(Token));
    }

    [Fact]
    public async Task A_failed_compensation_stops_the_rollback_and_rollback_retries_it()
    {
        var run = await _harness.NewRunAsync();
        var b = new FakeStep("b", "a") { Log = _harness.Log, CompensationFailure = Forbidden() };
        var steps = new ReleaseStep[]
        {
            _harness.Step("a"),
            b,
            new FakeStep("c", "b") { Log = _harness.Log, FailOnAttempt = _ => new InvalidOperationException("scan failed") },
        };

        var outcome = await _harness.Runner(steps).ExecuteAsync(run, new RunInvocation(), Token);

        Assert.Equal(RunStatus.CompensationFailed, outcome.Run.Status);
        Assert.True(outcome.Run.Open);
        Assert.Equal(["undo c (no outputs)", "undo-failed b"], _harness.Entries("undo"));
        Assert.Contains("slipway rollback " + run.Id, outcome.Instruction, StringComparison.Ordinal);
        Assert.Contains("403", (await _harness.StepsAsync(run.Id))["b"].Error, StringComparison.Ordinal);

        b.CompensationFailure = null;
        var retried = await _harness.Session(steps).RollBackAsync(run.Id, null, new RunInvocation());

        Assert.Equal(RunStatus.RolledBack, retried.Run.Status);
        Assert.False(retried.Run.Open);
        Assert.Equal(["undo c (no outputs)", "undo-failed b", "undo b b", "undo a a"], _harness.Entries("undo"));
    }

    [Fact]
    public async Task A_failure_after_the_point_of_no_return_rolls_nothing_back_and_resume_finishes_the_run()
    {
        var run = await _harness.NewRunAsync();
        var release = new FakeStep("create-release", "a") { Log = _harness.Log, IsIrreversible = true };
        var a = _harness.Step("a");
        var after = new FakeStep("finalize", "create-release")
        {
            Log = _harness.Log,
            FailOnAttempt = attempt => attempt == 1 ? new InvalidOperationException("push rejected") : null,
        };
        var steps = new ReleaseStep[] { a, release, after };

        var outcome = await _harness.Runner(steps).ExecuteAsync(run, new RunInvocation(), Token);

        Assert.Equal(RunStatus.Failed, outcome.Run.Status);
        Assert.True(outcome.Run.Open);
        Assert.Empty(_harness.Entries("undo"));
        Assert.Contains("nothing was rolled back", outcome.Instruction, StringComparison.Ordinal);
        Assert.Contains($"slipway resume {run.Id}", outcome.Instruction, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', outcome.Instruction!);

        var resumed = await _harness.Session(steps).ResumeAsync(run.Id, RunnerHarness.Commit, force: false, new RunInvocation(), Token);

        Assert.Equal(RunStatus.Succeeded, resumed.Run.Status);
        Assert.Equal(1, a.Executions);
        Assert.Equal(1, release.Executions);
        Assert.Equal(2, after.Executions);
    }

    [Fact]
    public async Task Rollback_is_refused_after_the_point_of_no_return()
    {
        var run = await _harness.NewRunAsync();
        var steps = new ReleaseStep[]
        {
            new FakeStep("create-release") { Log = _harness.Log, IsIrreversible = true },
            new FakeStep("finalize", "create-release") { Log = _harness.Log, FailOnAttempt = _ => new InvalidOperationException("no") },
        };
        await _harness.Runner(steps).ExecuteAsync(run, new RunInvocation(), Token);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => _harness.Session(steps).RollBackAsync(run.Id, null, new RunInvocation()));

        Assert.Equal(ErrorCode.NothingToRollBack, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Empty(_harness.Entries("undo"));
        Assert.Equal(RunStatus.Failed, (await _harness.Journal.FindRunAsync(run.Id, Token))!.Status);
    }

    [Fact]
    public async Task A_step_left_started_runs_again_on_resume_and_succeeded_steps_do_not()
    {
        var run = await _harness.NewRunAsync();
        var a = _harness.Step("a");
        var b = _harness.Step("b", "a");
        await _harness.Journal.StepStartedAsync(run.Id, "a", Token);
        await _harness.Journal.StepSucceededAsync(run.Id, "a", new() { ["did"] = "a" }, Token);
        await _harness.Journal.StepStartedAsync(run.Id, "b", Token);

        var outcome = await _harness.Runner(a, b).ExecuteAsync(run, new RunInvocation(), Token);

        Assert.Equal(RunStatus.Succeeded, outcome.Run.Status);
        Assert.Equal(0, a.Executions);
        Assert.Equal(1, b.Executions);
        Assert.Equal(2, (await _harness.StepsAsync(run.Id))["b"].Attempt);
    }

    [Fact]
    public async Task An_unapproved_run_pauses_at_approval_and_continues_once_approved()
    {
        var run = await _harness.NewRunAsync();
        var promote = _harness.Step("promote", "approval");
        var steps = new ReleaseStep[] { _harness.Step("build"), new FakeStep("approval", "build") { Log = _harness.Log, WaitsForApproval = true }, promote };

        var paused = await _harness.Runner(steps).ExecuteAsync(run, new RunInvocation(), Token);

        Assert.Equal(RunStatus.AwaitingApproval, paused.Run.Status);
        Assert.Equal(ExitCodes.AwaitingApproval, paused.ExitCode);
        Assert.Equal($"slipway approve {run.Id}", paused.Instruction);
        Assert.Equal(0, promote.Executions);
        Assert.Equal(StepStatus.AwaitingApproval, (await _harness.StepsAsync(run.Id))["approval"].Status);

        await _harness.Journal.AppendEventAsync(run.Id, RunEventKinds.Approved, "maintainer1", "approval", null, Token);
        var finished = await _harness.Runner(steps).ExecuteAsync(run, new RunInvocation(), Token);

        Assert.Equal(RunStatus.Succeeded, finished.Run.Status);
        Assert.Equal(1, promote.Executions);
    }

    [Fact]
    public async Task Cancelling_marks_the_run_cancelled_and_rolls_back()
    {
        var run = await _harness.NewRunAsync();
        var steps = new ReleaseStep[] { _harness.Step("a"), new FakeStep("slow", "a") { Log = _harness.Log, Delay = TimeSpan.FromSeconds(30) } };
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var outcome = await _harness.Runner(steps).ExecuteAsync(run, new RunInvocation(), CancellationTokenSource.CreateLinkedTokenSource(cancellation.Token, Token).Token);

        Assert.Equal(RunStatus.Cancelled, outcome.Run.Status);
        Assert.False(outcome.Run.Open);
        Assert.Equal(["undo slow (no outputs)", "undo a a"], _harness.Entries("undo"));
        Assert.Contains((await _harness.Journal.EventsAsync(run.Id, Token)), e => e.Kind == RunEventKinds.Cancelled);
    }

    [Fact]
    public async Task Cancelling_with_no_rollback_leaves_the_run_open_and_everything_in_place()
    {
        var run = await _harness.NewRunAsync();
        var steps = new ReleaseStep[] { _harness.Step("a"), new FakeStep("slow", "a") { Log = _harness.Log, Delay = TimeSpan.FromSeconds(30) } };
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var outcome = await _harness.Runner(steps).ExecuteAsync(run, new RunInvocation(NoRollback: true), CancellationTokenSource.CreateLinkedTokenSource(cancellation.Token, Token).Token);

        Assert.Equal(RunStatus.Cancelled, outcome.Run.Status);
        Assert.True(outcome.Run.Open);
        Assert.Empty(_harness.Entries("undo"));
    }

    [Fact]
    public async Task Resume_refuses_a_changed_configuration_unless_forced()
    {
        var run = await _harness.NewRunAsync();
        var flaky = new FakeStep("gates") { Log = _harness.Log, FailOnAttempt = attempt => attempt == 1 ? new InvalidOperationException("flaky") : null };
        await _harness.Runner(flaky).ExecuteAsync(run, new RunInvocation(NoRollback: true), Token);
        File.AppendAllText(_harness.Config.Path, "\n# edited\n");

        var error = await Assert.ThrowsAsync<SlipwayException>(() =>
            _harness.Session(flaky).ResumeAsync(run.Id, RunnerHarness.Commit, force: false, new RunInvocation(), Token));

        Assert.Equal(ErrorCode.RunInputsChanged, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Contains("configuration", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, flaky.Executions);

        var forced = await _harness.Session(flaky).ResumeAsync(run.Id, RunnerHarness.Commit, force: true, new RunInvocation(), Token);

        Assert.Equal(RunStatus.Succeeded, forced.Run.Status);
        Assert.Contains(await _harness.Journal.EventsAsync(run.Id, Token), e => e.Kind == RunEventKinds.ResumedForced);
    }

    [Fact]
    public async Task Resume_refuses_a_changed_commit_unless_forced()
    {
        var run = await _harness.NewRunAsync();
        var flaky = new FakeStep("gates") { Log = _harness.Log, FailOnAttempt = attempt => attempt == 1 ? new InvalidOperationException("flaky") : null };
        await _harness.Runner(flaky).ExecuteAsync(run, new RunInvocation(NoRollback: true), Token);

        var error = await Assert.ThrowsAsync<SlipwayException>(() =>
            _harness.Session(flaky).ResumeAsync(run.Id, new string('f', 40), force: false, new RunInvocation(), Token));

        Assert.Equal(ErrorCode.RunInputsChanged, error.Code);
        Assert.Contains("commit", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, flaky.Executions);
    }

    [Fact]
    public async Task Resume_refuses_a_run_whose_rollback_was_interrupted()
    {
        var run = await _harness.NewRunAsync();
        var a = _harness.Step("a");
        await _harness.Journal.StepStartedAsync(run.Id, "a", Token);
        await _harness.Journal.StepSucceededAsync(run.Id, "a", new() { ["did"] = "a" }, Token);
        await _harness.Journal.SetStepStatusAsync(run.Id, "a", StepStatus.Compensating, null, Token);

        var error = await Assert.ThrowsAsync<SlipwayException>(() =>
            _harness.Session(a).ResumeAsync(run.Id, RunnerHarness.Commit, force: true, new RunInvocation(), Token));

        Assert.Equal(ErrorCode.RunNotResumable, error.Code);
        Assert.Contains($"slipway rollback {run.Id}", error.Hint, StringComparison.Ordinal);
        Assert.Equal(0, a.Executions);
    }

    [Fact]
    public async Task Resume_never_takes_over_a_step_whose_lease_is_live_even_when_forced()
    {
        var run = await _harness.NewRunAsync();
        var elsewhere = new RunOwner("elsewhere", "ci-runner-7", 4242);
        await _harness.Journal.TryClaimStepAsync(run.Id, "a", elsewhere, TimeSpan.FromMinutes(5), Token);
        await _harness.Journal.StepStartedAsync(run.Id, "a", Token);
        await _harness.Journal.SetRunStatusAsync(run.Id, RunStatus.Cancelled, open: true, Token);
        var a = _harness.Step("a");

        foreach (var force in new[] { false, true })
        {
            var busy = await Assert.ThrowsAsync<SlipwayException>(() =>
                _harness.Session(a).ResumeAsync(run.Id, RunnerHarness.Commit, force, new RunInvocation(), Token));
            Assert.Equal(ErrorCode.StepClaimHeld, busy.Code);
            Assert.Contains("'a' (process 4242 on ci-runner-7)", busy.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, a.Executions);
        Assert.Equal(RunStatus.Cancelled, (await _harness.Journal.FindRunAsync(run.Id, Token))!.Status);
    }

    [Fact]
    public async Task Secrets_in_step_errors_never_reach_the_journal()
    {
        const string Secret = "ghp_supersecrettoken123";
        _harness.Redactor.Register(Secret);
        var run = await _harness.NewRunAsync();
        var leaky = new FakeStep("push") { Log = _harness.Log, FailOnAttempt = _ => new InvalidOperationException($"auth failed for {Secret}") };

        await _harness.Runner(leaky).ExecuteAsync(run, new RunInvocation(), Token);

        var step = (await _harness.StepsAsync(run.Id))["push"];
        Assert.DoesNotContain(Secret, step.Error, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, step.Error, StringComparison.Ordinal);
        _harness.Journal.Dispose();
        Assert.DoesNotContain(Secret, File.ReadAllText(_harness.Directory[".slipway/state.db"]), StringComparison.Ordinal);
    }
}
