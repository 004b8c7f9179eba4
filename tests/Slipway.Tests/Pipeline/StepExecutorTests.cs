using Slipway.Pipeline;
using Slipway.State;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Pipeline;

public sealed class StepExecutorTests : IDisposable
{
    private readonly ManualTime _time = new(DateTimeOffset.Parse("2026-06-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly RunnerHarness _harness;

    public StepExecutorTests() => _harness = new RunnerHarness("[state]\nlease = \"30s\"\n", _time);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_step_claimed_by_a_runner_that_died_is_not_ready_until_the_lease_expires_then_taken_over_and_run_again()
    {
        var run = await _harness.NewRunAsync();
        var dead = new RunOwner("dead", "ci-runner-3", 17);
        await _harness.Journal.TryClaimStepAsync(run.Id, "a", dead, TimeSpan.FromSeconds(30), Token);
        await _harness.Journal.StepStartedAsync(run.Id, "a", Token);
        var a = _harness.Step("a");
        var executor = _harness.Executor(RunOwner.ForThisProcess(), a);

        _time.Advance(TimeSpan.FromSeconds(29));
        var held = await executor.RunAsync(run, "a", new RunInvocation(), Token);

        Assert.Equal(StepExecutionKind.NotReady, held.Kind);
        Assert.Equal("process 17 on ci-runner-3", held.HeldBy?.Holder);
        Assert.Equal(0, a.Executions);

        _time.Advance(TimeSpan.FromSeconds(2));
        var taken = await executor.RunAsync(run, "a", new RunInvocation(), Token);

        Assert.Equal(StepExecutionKind.Succeeded, taken.Kind);
        Assert.Equal(1, a.Executions);
        var step = (await _harness.StepsAsync(run.Id))["a"];
        Assert.Equal((StepStatus.Succeeded, 2), (step.Status, step.Attempt));
        Assert.Null(step.Lease);
    }

    [Fact]
    public async Task A_runner_whose_lease_was_taken_over_while_it_worked_leaves_the_result_to_the_new_holder()
    {
        var run = await _harness.NewRunAsync();
        var slow = new FakeStep("slow") { Delay = TimeSpan.FromMilliseconds(400), FailOnAttempt = _ => new InvalidOperationException("late failure") };
        var first = _harness.Executor(RunOwner.ForThisProcess(), slow).RunAsync(run, "slow", new RunInvocation(), Token);
        await Task.Delay(TimeSpan.FromMilliseconds(150), Token);
        _time.Advance(TimeSpan.FromSeconds(31));
        var successor = new RunOwner("successor", "ci-runner-9", 99);

        Assert.True((await _harness.Journal.TryClaimStepAsync(run.Id, "slow", successor, TimeSpan.FromSeconds(30), Token)).Claimed);
        var result = await first;

        Assert.Equal(StepExecutionKind.NotReady, result.Kind);
        Assert.Equal("successor", result.HeldBy?.Token);
        var step = (await _harness.StepsAsync(run.Id))["slow"];
        Assert.Equal((StepStatus.Running, "successor"), (step.Status, step.Lease?.Token));
        Assert.Null(step.Error);
    }

    [Fact]
    public async Task Of_two_runners_on_separate_connections_racing_for_one_ready_step_exactly_one_runs_it_in_each_of_100_trials()
    {
        using var other = SqliteRunJournal.Open(_harness.Directory[".slipway/state.db"], _harness.Redactor, _time);
        var run = await _harness.NewRunAsync();
        var steps = Enumerable.Range(0, 100).Select(i => new FakeStep($"s{i}")).ToArray();
        var graph = StepGraph.Create(steps);
        var executors = new[]
        {
            new StepExecutor(graph, _harness.Config, _harness.Journal, _harness.Services with { Owner = RunOwner.ForThisProcess() }, SilentRunObserver.Instance),
            new StepExecutor(graph, _harness.Config, other, _harness.Services with { Owner = RunOwner.ForThisProcess() }, SilentRunObserver.Instance),
        };

        foreach (var step in steps)
        {
            using var start = new Barrier(executors.Length);
            var results = await Task.WhenAll(executors.Select(e => Task.Run(
                async () =>
                {
                    start.SignalAndWait(Token);
                    return await e.RunAsync(run, step.Name, new RunInvocation(), Token);
                },
                Token)));

            Assert.Equal(1, step.Executions);
            Assert.Single(results, r => r.Kind == StepExecutionKind.Succeeded);
            Assert.Single(results, r => r.Kind is StepExecutionKind.NotReady or StepExecutionKind.AlreadyDone);
        }

        Assert.All(await _harness.Journal.StepsAsync(run.Id, Token), s => Assert.Equal((StepStatus.Succeeded, 1), (s.Status, s.Attempt)));
    }

    [Fact]
    public async Task A_step_whose_dependencies_are_not_done_is_not_ready_and_names_them()
    {
        var run = await _harness.NewRunAsync();
        var c = _harness.Step("c", "a", "b");
        var executor = _harness.Executor(RunOwner.ForThisProcess(), _harness.Step("a"), _harness.Step("b"), c);
        await _harness.Journal.StepStartedAsync(run.Id, "a", Token);
        await _harness.Journal.StepSucceededAsync(run.Id, "a", [], Token);

        var result = await executor.RunAsync(run, "c", new RunInvocation(), Token);

        Assert.Equal(StepExecutionKind.NotReady, result.Kind);
        Assert.Equal(["b"], result.BlockedBy!);
        Assert.Equal(0, c.Executions);
        Assert.False((await _harness.StepsAsync(run.Id)).ContainsKey("c"));
    }

    [Fact]
    public async Task A_step_already_done_is_not_run_again()
    {
        var run = await _harness.NewRunAsync();
        var a = _harness.Step("a");
        await _harness.Journal.StepStartedAsync(run.Id, "a", Token);
        await _harness.Journal.StepSucceededAsync(run.Id, "a", [], Token);

        var result = await _harness.Executor(RunOwner.ForThisProcess(), a).RunAsync(run, "a", new RunInvocation(), Token);

        Assert.Equal(StepExecutionKind.AlreadyDone, result.Kind);
        Assert.Equal(0, a.Executions);
    }

    [Fact]
    public async Task The_heartbeat_keeps_a_step_that_outlasts_its_lease_claimed()
    {
        using var harness = new RunnerHarness("[state]\nlease = \"1s\"\n");
        var run = await harness.NewRunAsync();
        var slow = new FakeStep("slow") { Delay = TimeSpan.FromMilliseconds(2500) };
        var running = harness.Executor(RunOwner.ForThisProcess(), slow).RunAsync(run, "slow", new RunInvocation(), Token);

        await Task.Delay(TimeSpan.FromMilliseconds(1800), Token);
        var rival = await harness.Journal.TryClaimStepAsync(run.Id, "slow", RunOwner.ForThisProcess(), TimeSpan.FromSeconds(1), Token);

        Assert.False(rival.Claimed);
        Assert.NotNull(rival.HeldBy);
        Assert.Equal(StepExecutionKind.Succeeded, (await running).Kind);
        Assert.Equal(1, slow.Executions);
    }

    [Fact]
    public async Task A_step_that_journaled_progress_of_an_irreversible_effect_before_failing_is_past_the_point_of_no_return()
    {
        var run = await _harness.NewRunAsync();
        var publish = new ProgressThenFail("publish");
        var runner = _harness.Runner(publish);

        var outcome = await runner.ExecuteAsync(run, new RunInvocation(), Token);

        Assert.Equal(RunStatus.Failed, outcome.Run.Status);
        Assert.True(outcome.Run.Open);
        Assert.Contains("made the release public, so nothing was rolled back", outcome.Instruction, StringComparison.Ordinal);
        Assert.Equal(0, publish.Compensations);
        Assert.Equal("publish", await runner.PointOfNoReturnAsync(run.Id));
    }

    /// <summary>Publishes one package of two, journals it as progress, then fails on the second.</summary>
    private sealed class ProgressThenFail(string name) : ReleaseStep
    {
        public override string Name => name;

        public override IReadOnlyList<string> DependsOn => [];

        public override string Description => "publish two packages";

        public override bool Irreversible => true;

        public override bool CanCompensate => true;

        public int Compensations { get; private set; }

        public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
        {
            await context.SaveProgressAsync(new System.Text.Json.Nodes.JsonObject { ["published"] = new System.Text.Json.Nodes.JsonArray("one") }, cancellationToken);
            throw new InvalidOperationException("the second package was refused");
        }

        public override Task CompensateAsync(StepContext context, System.Text.Json.Nodes.JsonObject outputs, CancellationToken cancellationToken)
        {
            Compensations++;
            return Task.CompletedTask;
        }
    }
}
