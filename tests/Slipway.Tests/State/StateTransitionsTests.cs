using Slipway.State;
using static Slipway.State.StepStatus;

namespace Slipway.Tests.State;

public sealed class StateTransitionsTests
{
    private static readonly (StepStatus From, StepStatus To)[] AllowedStepMoves =
    [
        (Pending, Running), (Pending, Skipped),
        (Running, Running), (Running, Succeeded), (Running, Skipped), (Running, Failed), (Running, AwaitingApproval), (Running, Compensating),
        (Succeeded, Compensating),
        (Failed, Running), (Failed, Skipped), (Failed, Compensating),
        (AwaitingApproval, Running), (AwaitingApproval, Skipped), (AwaitingApproval, Failed),
        (Compensating, Compensating), (Compensating, Compensated), (Compensating, StepStatus.CompensationFailed),
        (Compensated, Running), (Compensated, Skipped),
        (StepStatus.CompensationFailed, Compensating),
    ];

    private static readonly (RunStatus From, RunStatus To)[] AllowedRunMoves =
    [
        (RunStatus.Running, RunStatus.Running), (RunStatus.Running, RunStatus.AwaitingApproval), (RunStatus.Running, RunStatus.Succeeded),
        (RunStatus.Running, RunStatus.Failed), (RunStatus.Running, RunStatus.RolledBack), (RunStatus.Running, RunStatus.CompensationFailed),
        (RunStatus.Running, RunStatus.Cancelled),
        (RunStatus.AwaitingApproval, RunStatus.AwaitingApproval), (RunStatus.AwaitingApproval, RunStatus.Running), (RunStatus.AwaitingApproval, RunStatus.RolledBack),
        (RunStatus.AwaitingApproval, RunStatus.CompensationFailed), (RunStatus.AwaitingApproval, RunStatus.Cancelled),
        (RunStatus.Failed, RunStatus.Failed), (RunStatus.Failed, RunStatus.Running), (RunStatus.Failed, RunStatus.RolledBack), (RunStatus.Failed, RunStatus.CompensationFailed),
        (RunStatus.Cancelled, RunStatus.Cancelled), (RunStatus.Cancelled, RunStatus.Running), (RunStatus.Cancelled, RunStatus.RolledBack), (RunStatus.Cancelled, RunStatus.CompensationFailed),
        (RunStatus.CompensationFailed, RunStatus.CompensationFailed), (RunStatus.CompensationFailed, RunStatus.RolledBack),
        (RunStatus.CompensationFailed, RunStatus.Failed), (RunStatus.CompensationFailed, RunStatus.Cancelled),
    ];

    public static TheoryData<StepStatus, StepStatus> EveryStepPair()
    {
        var data = new TheoryData<StepStatus, StepStatus>();
        foreach (var from in Enum.GetValues<StepStatus>())
        {
            foreach (var to in Enum.GetValues<StepStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    public static TheoryData<RunStatus, RunStatus> EveryRunPair()
    {
        var data = new TheoryData<RunStatus, RunStatus>();
        foreach (var from in Enum.GetValues<RunStatus>())
        {
            foreach (var to in Enum.GetValues<RunStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStepPair))]
    public void A_step_moves_only_as_the_table_allows(StepStatus from, StepStatus to)
    {
        var allowed = AllowedStepMoves.Contains((from, to));

        Assert.Equal(allowed, StateTransitions.IsAllowed(from, to));
        if (allowed)
        {
            StateTransitions.EnsureAllowed("run-1", "gates", from, to);
        }
        else
        {
            var error = Assert.Throws<Slipway.Diagnostics.SlipwayException>(() => StateTransitions.EnsureAllowed("run-1", "gates", from, to));
            Assert.Equal(Slipway.Diagnostics.ErrorCode.IllegalTransition, error.Code);
            Assert.Contains($"step 'gates' of run run-1 cannot go from {StatusNames.Of(from)} to {StatusNames.Of(to)}", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(EveryRunPair))]
    public void A_run_moves_only_as_the_table_allows(RunStatus from, RunStatus to)
    {
        var allowed = AllowedRunMoves.Contains((from, to));

        Assert.Equal(allowed, StateTransitions.IsAllowed(from, to));
        if (!allowed)
        {
            var error = Assert.Throws<Slipway.Diagnostics.SlipwayException>(() => StateTransitions.EnsureAllowed("run-1", from, to));
            Assert.Contains($"run run-1 cannot go from {StatusNames.Of(from)} to {StatusNames.Of(to)}", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Pending, true)]
    [InlineData(Running, true)]
    [InlineData(Failed, true)]
    [InlineData(AwaitingApproval, true)]
    [InlineData(Compensated, true)]
    [InlineData(Succeeded, false)]
    [InlineData(Skipped, false)]
    [InlineData(Compensating, false)]
    [InlineData(StepStatus.CompensationFailed, false)]
    public void Only_a_step_that_may_still_run_can_be_claimed(StepStatus status, bool claimable) =>
        Assert.Equal(claimable, StateTransitions.IsClaimable(status));
}
