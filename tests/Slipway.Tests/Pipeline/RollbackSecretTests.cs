using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.State;

namespace Slipway.Tests.Pipeline;

/// <summary>
/// <c>rollback</c> and <c>reject</c> compensate without the executor, so they register the configured secrets
/// themselves: a registry that echoes its credentials in an error never gets them into the journal or the outcome.
/// </summary>
public sealed class RollbackSecretTests : IDisposable
{
    private const string Variable = "SLIPWAY_TEST_REGISTRY_PASSWORD";
    private const string Password = "r3gistry-Pa55-for-undo";

    private readonly RunnerHarness _harness = new("""
        [[registry]]
        host = "127.0.0.1:5000"
        username = "ci"
        password = "env:SLIPWAY_TEST_REGISTRY_PASSWORD"

        [approval]
        required = true
        approvers = ["maintainer1"]
        """);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    private FakeStep Pushed() => new("push", []) { Log = _harness.Log, CompensationFailure = new InvalidOperationException($"DELETE http://127.0.0.1:5000/v2/demo/manifests/1.2.3 returned 401: bad credentials ci:{Password}") };

    [Fact]
    public async Task Rollback_masks_a_registry_password_a_failed_compensation_quotes()
    {
        var run = await _harness.NewRunAsync();
        var steps = new ReleaseStep[] { Pushed(), new FakeStep("scan", "push") { Log = _harness.Log, FailOnAttempt = _ => new InvalidOperationException("scan failed") } };
        await _harness.Runner(steps).ExecuteAsync(run, new RunInvocation(NoRollback: true), Token);

        var outcome = await WithPassword(steps).RollBackAsync(run.Id, null, new RunInvocation());

        Assert.Equal(RunStatus.CompensationFailed, outcome.Run.Status);
        AssertMasked(outcome, (await _harness.StepsAsync(run.Id))["push"], await _harness.Journal.EventsAsync(run.Id, Token));
    }

    [Fact]
    public async Task Reject_masks_a_registry_password_a_failed_compensation_quotes()
    {
        var run = await _harness.NewRunAsync();
        var steps = new ReleaseStep[] { Pushed(), new FakeStep(StepNames.Approval, "push") { Log = _harness.Log, WaitsForApproval = true } };
        var paused = await _harness.Runner(steps).ExecuteAsync(run, new RunInvocation(), Token);
        Assert.Equal(RunStatus.AwaitingApproval, paused.Run.Status);

        var outcome = await WithPassword(steps).RejectAsync(run.Id, "maintainer1", null, new RunInvocation());

        Assert.Equal(RunStatus.CompensationFailed, outcome.Run.Status);
        AssertMasked(outcome, (await _harness.StepsAsync(run.Id))["push"], await _harness.Journal.EventsAsync(run.Id, Token));
    }

    /// <summary>A session whose process has the password, as the rollback job does; the run so far never had it, so nothing but the session can have registered it.</summary>
    private ReleaseSession WithPassword(ReleaseStep[] steps) =>
        new(
            _harness.Config,
            _harness.Journal,
            StepGraph.Create(steps),
            _harness.Services with { Environment = new DictionaryEnvironment(new Dictionary<string, string> { [Variable] = Password }) },
            SilentRunObserver.Instance);

    private static void AssertMasked(RunOutcome outcome, StepRecord push, IReadOnlyList<RunEvent> events)
    {
        Assert.Equal(StepStatus.CompensationFailed, push.Status);
        Assert.True(push.Error?.Contains("returned 401: bad credentials ***", StringComparison.Ordinal), push.Error);
        Assert.DoesNotContain(Password, push.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, outcome.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Detail?.Contains(Password, StringComparison.Ordinal) == true);
        Assert.Contains(events, e => e.Kind == RunEventKinds.CompensationFailed && e.Detail!.Contains("bad credentials ***", StringComparison.Ordinal));
    }
}
