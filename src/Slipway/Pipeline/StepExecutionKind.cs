namespace Slipway.Pipeline;

/// <summary>How one execution of one step ended.</summary>
public enum StepExecutionKind
{
    Succeeded,

    /// <summary>It had succeeded (or been skipped) before; nothing ran.</summary>
    AlreadyDone,
    Skipped,
    Failed,
    Cancelled,
    AwaitingApproval,

    /// <summary>Its dependencies are not done, or another runner holds a live claim on it; nothing ran.</summary>
    NotReady,

    /// <summary>It is being rolled back (or its rollback failed): only <c>slipway rollback</c> may move it.</summary>
    RollingBack,
}
