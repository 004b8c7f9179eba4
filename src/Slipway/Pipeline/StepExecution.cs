using Slipway.State;

namespace Slipway.Pipeline;

/// <summary>What executing one step did: its outcome, the failure message, and for a step not ready, what stands in its way.</summary>
public sealed record StepExecution(string Step, StepExecutionKind Kind, string? Message = null, IReadOnlyList<string>? BlockedBy = null, StepLease? HeldBy = null)
{
    /// <summary>A failure caused by bad input (a coded error of kind Input): the run exits 2, not 1.</summary>
    public bool BadInput { get; init; }

    public static StepExecution NotReady(string step, IReadOnlyList<string> blockedBy) => new(step, StepExecutionKind.NotReady, null, blockedBy);

    public static StepExecution Held(string step, StepLease lease) => new(step, StepExecutionKind.NotReady, null, [], lease);
}
