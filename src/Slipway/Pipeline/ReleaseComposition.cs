using Slipway.Configuration;
using Slipway.Forges;
using Slipway.Git;
using Slipway.Pipeline.Steps;

namespace Slipway.Pipeline;

/// <summary>
/// Which capabilities a configuration brings into its release graph: the changelog when one is configured, and the
/// image steps (push, sign, attest, scan, promote, cleanup). Every image step is always in the graph, so
/// <c>slipway plan</c> shows it with its condition; a step whose condition is false is skipped and says why.
/// </summary>
public static class ReleaseComposition
{
    public static ReleaseCapabilities Capabilities(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ReleaseCapabilities
        {
            Forge = new GitForge(new GitCli(config.RootDirectory), config.Forge.Remote),
            ChangelogRender = ChangelogRenderStep.Configured(config) ? new ChangelogRenderStep() : null,
            BeforeApproval = [new PushPrereleaseStep(), new SignStep(), new AttestSbomStep(), new AttestProvenanceStep(), new ScanStep()],
            AfterApproval = [new PromoteImagesStep()],
            AfterRelease = [new CleanupPrereleaseStep()],
        };
    }

    public static StepGraph Graph(SlipwayConfig config) => ReleaseGraphBuilder.Default(config, Capabilities(config));
}
