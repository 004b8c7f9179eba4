namespace Slipway.State;

/// <summary>Where a step stands. <see cref="Running"/> is the journal's <em>started</em>: written before the side effect.</summary>
public enum StepStatus
{
    Pending,
    Running,
    Succeeded,
    Skipped,
    Failed,
    AwaitingApproval,
    Compensating,
    Compensated,
    CompensationFailed,
}
