using Slipway.Configuration;
using Slipway.Forges;
using Slipway.Forges.GitHub;
using Slipway.Git;
using Slipway.Notes;
using Slipway.Pipeline.Steps;

namespace Slipway.Pipeline;

/// <summary>
/// The composition root of a release run: chooses the ports by configuration <c>kind</c> and hands them to the steps
/// of each capability — the changelog (when one is configured) and the packages (check, publish) and the images
/// (push, sign, attest, scan, promote, cleanup). Every image step is always in the graph, so <c>slipway plan</c> shows it with its condition; a step
/// whose condition is false is skipped and says why.
/// </summary>
public static class ReleaseComposition
{
    public static RunPorts Ports(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var git = new GitCli(config.RootDirectory);
        Func<RunServices, IForge> forge = config.Forge.Kind switch
        {
            ForgeSection.GitKind => _ => new GitForge(git, config.Forge.Remote),
            ForgeSection.GitHubKind => services => new GitHubForge(config.Forge, config.Project, git, services.Environment, services.Redactor),
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
        return new ReleaseCapabilities(ports, [.. Changelog(config, ports), .. Packages(), new ComposeNotesStep(ports, ChangelogRenderStep.Configured(config)), .. Images(ports), .. Forge(config, ports), new PublishPackagesStep(Forge(config, ports).Select(s => s.Name))]);
    }

    public static StepGraph Graph(SlipwayConfig config) => ReleaseGraphBuilder.Default(Capabilities(config));

    private static IEnumerable<ReleaseStep> Changelog(SlipwayConfig config, RunPorts ports) =>
        ChangelogRenderStep.Configured(config) ? [new ChangelogRenderStep(), new FinalizeChangelogStep(ports, config.Forge, config.Project.ReleaseBranch)] : [];

    // check-packages first among the steps before approval: a bad package file stops the run before images are pushed.
    private static IEnumerable<ReleaseStep> Packages() => [new CheckPackagesStep()];

    /// <summary>A forge with drafts stages the release (reversibly) before create-release publishes it.</summary>
    private static IEnumerable<ReleaseStep> Forge(SlipwayConfig config, RunPorts ports) =>
        config.Forge.Kind == ForgeSection.GitHubKind ? [new DraftReleaseStep(ports)] : [];

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
