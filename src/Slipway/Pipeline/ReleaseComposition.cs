using Slipway.Configuration;
using Slipway.Forges;
using Slipway.Git;
using Slipway.Notes;
using Slipway.Pipeline.Steps;

namespace Slipway.Pipeline;

/// <summary>
/// The composition root of a release run: chooses the ports by configuration <c>kind</c> and hands them to the steps
/// of each capability — the changelog (when one is configured) and the images (push, sign, attest, scan, promote,
/// cleanup). Every image step is always in the graph, so <c>slipway plan</c> shows it with its condition; a step
/// whose condition is false is skipped and says why.
/// </summary>
public static class ReleaseComposition
{
    public static RunPorts Ports(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var git = new GitCli(config.RootDirectory);
        IForge forge = config.Forge.Kind switch
        {
            ForgeSection.GitKind => new GitForge(git, config.Forge.Remote),
            // The configuration refuses any other kind before a graph is built.
            var kind => throw new ArgumentException($"[forge] kind '{kind}' has no implementation", nameof(config)),
        };
        IPullRequestList pullRequests = new GitPullRequestList(config.RootDirectory);
        return new RunPorts(config, forge, git, pullRequests);
    }

    public static ReleaseCapabilities Capabilities(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var ports = Ports(config);
        return new ReleaseCapabilities(ports, [.. Changelog(config, ports), new ComposeNotesStep(ports, ChangelogRenderStep.Configured(config)), .. Images(ports)]);
    }

    public static StepGraph Graph(SlipwayConfig config) => ReleaseGraphBuilder.Default(Capabilities(config));

    private static IEnumerable<ReleaseStep> Changelog(SlipwayConfig config, RunPorts ports) =>
        ChangelogRenderStep.Configured(config) ? [new ChangelogRenderStep(), new FinalizeChangelogStep(ports.Git, config.Forge.Remote)] : [];

    private static IEnumerable<ReleaseStep> Images(RunPorts ports) =>
    [
        new PushPrereleaseStep(),
        new SignStep(ports),
        new AttestSbomStep(ports),
        new AttestProvenanceStep(ports),
        new ScanStep(),
        new PromoteImagesStep(ports),
        new CleanupPrereleaseStep(ports),
    ];
}
