namespace Slipway.Pipeline;

/// <summary>
/// How this process drives a run, as opposed to the run's own inputs (which live in the journal): how many
/// independent steps may run at once, whether a failure rolls back, who approves with <c>--yes</c> (journaled as an
/// approval before the approval step runs), and the one platform a <c>slipway step build --platform</c> builds.
/// </summary>
public sealed record RunInvocation(int MaxParallelism = 4, bool NoRollback = false, string? PreApprovedBy = null)
{
    /// <summary>The platform (<c>linux/arm64</c>) this process builds, or null for all of them.</summary>
    public string? Platform { get; init; }
}
