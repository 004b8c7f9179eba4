using Slipway.Diagnostics;
using Slipway.State;

namespace Slipway.Pipeline;

/// <summary>
/// How a run stands after this process drove it, with the one-line instruction for what to do next. A run that failed
/// on bad input found inside it (a step's coded error of kind Input, e.g. a package of another version) exits 2, as
/// that error would outside a run; any other failure exits 1.
/// </summary>
public sealed record RunOutcome(RunRecord Run, string? Instruction, string? Failure = null)
{
    /// <summary>Whether the step that failed this run failed on bad input.</summary>
    public bool BadInput { get; init; }

    public int ExitCode => Run.Status switch
    {
        RunStatus.Succeeded or RunStatus.RolledBack => ExitCodes.Success,
        RunStatus.AwaitingApproval => ExitCodes.AwaitingApproval,
        RunStatus.Failed when BadInput => ExitCodes.InvalidInput,
        _ => ExitCodes.Failed,
    };
}
