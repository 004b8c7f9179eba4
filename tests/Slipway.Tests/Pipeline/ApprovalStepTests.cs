using Slipway.Pipeline;
using Slipway.Pipeline.Steps;
using Slipway.State;

namespace Slipway.Tests.Pipeline;

public sealed class ApprovalStepTests : IDisposable
{
    private readonly RunnerHarness _harness = new("""
        [approval]
        required = true
        approvers = ["maintainer1"]
        """);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Yes_journals_the_approval_for_the_approver_it_names_before_the_step_reads_it()
    {
        var run = await _harness.NewRunAsync();

        var outcome = await _harness.Session(new ApprovalStep(ReleaseComposition.Ports(_harness.Config), [])).ResumeAsync(run.Id, RunnerHarness.Commit, force: false, new RunInvocation(PreApprovedBy: "maintainer1"), Token);

        Assert.Equal(RunStatus.Succeeded, outcome.Run.Status);
        var approval = Assert.Single(await _harness.Journal.EventsAsync(run.Id, Token), e => e.Kind == RunEventKinds.Approved);
        Assert.Equal(("maintainer1", "approval", "--yes"), (approval.Actor, approval.Step, approval.Detail));
    }

    [Fact]
    public async Task A_rejected_run_is_never_approved_again_even_with_yes()
    {
        var run = await _harness.NewRunAsync();
        await _harness.Journal.AppendEventAsync(run.Id, RunEventKinds.Rejected, "maintainer1", "approval", "wrong notes", Token);

        var outcome = await _harness.Session(new ApprovalStep(ReleaseComposition.Ports(_harness.Config), [])).ResumeAsync(run.Id, RunnerHarness.Commit, force: false, new RunInvocation(PreApprovedBy: "maintainer1"), Token);

        Assert.Equal(RunStatus.Failed, outcome.Run.Status);
        Assert.Contains("rejected by maintainer1: wrong notes", outcome.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain(await _harness.Journal.EventsAsync(run.Id, Token), e => e.Kind == RunEventKinds.Approved);
    }

    [Fact]
    public async Task The_step_itself_takes_no_approval_from_the_process_only_from_the_journal()
    {
        var run = await _harness.NewRunAsync();

        var outcome = await _harness.Runner(new ApprovalStep(ReleaseComposition.Ports(_harness.Config), [])).ExecuteAsync(run, new RunInvocation(PreApprovedBy: "maintainer1"), Token);

        Assert.Equal(RunStatus.AwaitingApproval, outcome.Run.Status);
        Assert.DoesNotContain(await _harness.Journal.EventsAsync(run.Id, Token), e => e.Kind == RunEventKinds.Approved);
    }

    [Fact]
    public void Is_skipped_with_a_reason_when_approval_is_not_required()
    {
        using var harness = new RunnerHarness();

        var condition = new ApprovalStep(ReleaseComposition.Ports(harness.Config), []).Condition(harness.Config);

        Assert.False(condition.Enabled);
        Assert.Equal("approval not required by the configuration", condition.SkipReason);
    }
}
