namespace Slipway.State;

/// <summary>
/// The only moves a step or a run may make, checked by the journal against the stored state in the same transaction
/// as the write. Anything else is a bug in Slipway, reported with both states.
/// </summary>
public static class StateTransitions
{
    private static readonly Dictionary<StepStatus, StepStatus[]> StepMoves = new()
    {
        [StepStatus.Pending] = [StepStatus.Running, StepStatus.Skipped],

        // Running -> Running: a runner takes over an expired claim, or a resume re-runs a step found started.
        [StepStatus.Running] = [StepStatus.Running, StepStatus.Succeeded, StepStatus.Skipped, StepStatus.Failed, StepStatus.AwaitingApproval, StepStatus.Compensating],
        [StepStatus.Succeeded] = [StepStatus.Compensating],
        [StepStatus.Skipped] = [],
        [StepStatus.Failed] = [StepStatus.Running, StepStatus.Skipped, StepStatus.Compensating],

        // A rejection fails the approval step; a step whose condition no longer holds (a forced resume) is skipped.
        [StepStatus.AwaitingApproval] = [StepStatus.Running, StepStatus.Skipped, StepStatus.Failed],
        [StepStatus.Compensating] = [StepStatus.Compensating, StepStatus.Compensated, StepStatus.CompensationFailed],
        [StepStatus.Compensated] = [StepStatus.Running, StepStatus.Skipped],
        [StepStatus.CompensationFailed] = [StepStatus.Compensating],
    };

    private static readonly Dictionary<RunStatus, RunStatus[]> RunMoves = new()
    {
        [RunStatus.Running] = [RunStatus.Running, RunStatus.AwaitingApproval, RunStatus.Succeeded, RunStatus.Failed, RunStatus.RolledBack, RunStatus.CompensationFailed, RunStatus.Cancelled],
        [RunStatus.AwaitingApproval] = [RunStatus.AwaitingApproval, RunStatus.Running, RunStatus.RolledBack, RunStatus.CompensationFailed, RunStatus.Cancelled],
        [RunStatus.Failed] = [RunStatus.Failed, RunStatus.Running, RunStatus.RolledBack, RunStatus.CompensationFailed],
        [RunStatus.Cancelled] = [RunStatus.Cancelled, RunStatus.Running, RunStatus.RolledBack, RunStatus.CompensationFailed],
        [RunStatus.CompensationFailed] = [RunStatus.CompensationFailed, RunStatus.RolledBack, RunStatus.Failed, RunStatus.Cancelled],
        [RunStatus.Succeeded] = [],
        [RunStatus.RolledBack] = [],
    };

    public static bool IsAllowed(StepStatus from, StepStatus to) => StepMoves[from].Contains(to);

    public static bool IsAllowed(RunStatus from, RunStatus to) => RunMoves[from].Contains(to);

    /// <summary>Statuses a runner may claim a step in: not yet run, started by a runner whose lease ran out, failed, waiting, rolled back.</summary>
    public static bool IsClaimable(StepStatus status) => IsAllowed(status, StepStatus.Running) || status == StepStatus.Pending;

    public static void EnsureAllowed(string runId, string stepName, StepStatus from, StepStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw StateErrors.IllegalTransition($"step '{stepName}' of run {runId}", StatusNames.Of(from), StatusNames.Of(to));
        }
    }

    public static void EnsureAllowed(string runId, RunStatus from, RunStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw StateErrors.IllegalTransition($"run {runId}", StatusNames.Of(from), StatusNames.Of(to));
        }
    }
}
