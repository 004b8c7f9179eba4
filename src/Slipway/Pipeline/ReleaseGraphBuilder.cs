using Slipway.Pipeline.Steps;

namespace Slipway.Pipeline;

/// <summary>
/// The default graph of DESIGN.md: the fixed spine, with every capability's steps placed by the phase each declares
/// (<see cref="StepPhase"/>), so a new capability adds steps without changing this builder. Validated.
/// </summary>
public static class ReleaseGraphBuilder
{
    public static StepGraph Default(ReleaseCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        if (capabilities.Steps.FirstOrDefault(s => s.Phase == StepPhase.Spine) is { } misplaced)
        {
            throw new ArgumentException($"step '{misplaced.Name}' declares no phase", nameof(capabilities));
        }

        List<ReleaseStep> In(StepPhase phase) => [.. capabilities.Steps.Where(s => s.Phase == phase)];
        IEnumerable<string> Names(StepPhase phase) => In(phase).Select(s => s.Name);
        return StepGraph.Create(
        [
            new DetectVersionStep(),
            new PreflightStep(capabilities.Ports),
            new GatesStep(),
            .. In(StepPhase.BeforeBuild),
            new BuildStep([StepNames.Gates, .. Names(StepPhase.BeforeBuild)]),
            .. In(StepPhase.BeforeApproval),
            new ApprovalStep(capabilities.Ports, [StepNames.Build, .. Names(StepPhase.BeforeApproval)]),
            .. In(StepPhase.AfterApproval),
            new CreateReleaseStep(capabilities.Ports, [StepNames.Approval, .. Names(StepPhase.AfterApproval)]),
            .. In(StepPhase.AfterRelease),
        ]);
    }
}
