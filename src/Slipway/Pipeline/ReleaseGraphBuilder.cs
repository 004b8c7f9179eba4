using Slipway.Configuration;
using Slipway.Git;
using Slipway.Pipeline.Steps;

namespace Slipway.Pipeline;

/// <summary>The default graph of DESIGN.md from the steps that exist, validated.</summary>
public static class ReleaseGraphBuilder
{
    public static StepGraph Default(SlipwayConfig config, ReleaseCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(capabilities);
        var steps = new List<ReleaseStep> { new DetectVersionStep(), new PreflightStep(), new GatesStep() };
        var buildInputs = new List<string> { StepNames.Gates };
        if (capabilities.ChangelogRender is { } changelog)
        {
            steps.Add(changelog);
            buildInputs.Add(changelog.Name);
        }

        steps.Add(new BuildStep(buildInputs));
        steps.AddRange(capabilities.BeforeApproval);
        steps.Add(new ApprovalStep([StepNames.Build, .. capabilities.BeforeApproval.Select(s => s.Name)]));
        steps.AddRange(capabilities.AfterApproval);
        steps.Add(new CreateReleaseStep(capabilities.Forge, [StepNames.Approval, .. capabilities.AfterApproval.Select(s => s.Name)]));
        if (capabilities.ChangelogRender is not null)
        {
            steps.Add(new FinalizeChangelogStep(new GitCli(config.RootDirectory), config.Forge.Remote));
        }

        steps.AddRange(capabilities.AfterRelease);
        return StepGraph.Create(steps);
    }
}
