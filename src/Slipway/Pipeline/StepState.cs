namespace Slipway.Pipeline;

/// <summary>Where a step stands for the planner: what a runner may do with it now.</summary>
public enum StepState
{
    /// <summary>Its dependencies are done and no live claim holds it: a runner may claim it.</summary>
    Ready,

    /// <summary>Some dependency is not done yet (<see cref="StepPlan.BlockedBy"/>).</summary>
    Blocked,

    /// <summary>A runner holds a live claim on it (<see cref="StepPlan.Lease"/>).</summary>
    Running,

    /// <summary>Succeeded or skipped.</summary>
    Done,

    Failed,

    AwaitingApproval,

    /// <summary>Being rolled back, or its rollback failed: only <c>slipway rollback</c> moves it.</summary>
    RollingBack,
}
