namespace Slipway.State;

/// <summary>Where a run stands. Printed as <c>running</c>, <c>awaiting-approval</c>, ... (see <see cref="StatusNames"/>).</summary>
public enum RunStatus
{
    Running,
    AwaitingApproval,
    Succeeded,
    Failed,
    RolledBack,
    CompensationFailed,
    Cancelled,
}
