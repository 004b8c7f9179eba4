namespace Slipway.Pipeline;

/// <summary>
/// How this process drives a run, as opposed to the run's own inputs (which live in the journal): how many
/// independent steps may run at once, whether a failure rolls back, who approves in-process (<c>--yes</c>), and the
/// one platform this process builds (<c>--platform</c>; null builds every platform).
/// </summary>
public sealed record RunInvocation(int MaxParallelism = 4, bool NoRollback = false, string? PreApprovedBy = null)
{
    public string? Platform { get; init; }
}
