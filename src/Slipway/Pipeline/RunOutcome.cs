using Slipway.Diagnostics;
using Slipway.State;

namespace Slipway.Pipeline;

/// <summary>How a run stands after this process drove it, with the one-line instruction for what to do next.</summary>
public sealed record RunOutcome(RunRecord Run, string? Instruction, string? Failure = null)
{
    public int ExitCode => Run.Status switch
    {
        RunStatus.Succeeded or RunStatus.RolledBack => ExitCodes.Success,
        RunStatus.AwaitingApproval => ExitCodes.AwaitingApproval,
        _ => ExitCodes.Failed,
    };
}
