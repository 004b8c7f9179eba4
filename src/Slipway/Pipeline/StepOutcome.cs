using Slipway.Diagnostics;
using Slipway.State;

namespace Slipway.Pipeline;

/// <summary>
/// What <c>slipway step</c> did: the step it executed (null when the run was already done), the run after it, and the
/// plan. Exit code 0 done (or already done), 1 failed, 3 awaiting approval.
/// </summary>
public sealed record StepOutcome(RunRecord Run, StepExecution? Execution, RunPlan Plan)
{
    public int ExitCode => Execution?.Kind switch
    {
        null or StepExecutionKind.Succeeded or StepExecutionKind.AlreadyDone or StepExecutionKind.Skipped => ExitCodes.Success,
        StepExecutionKind.AwaitingApproval => ExitCodes.AwaitingApproval,
        StepExecutionKind.NotReady => ExitCodes.NotReady,
        _ => ExitCodes.Failed,
    };
}
