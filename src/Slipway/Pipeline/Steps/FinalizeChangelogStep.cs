using Slipway.Configuration;
using Slipway.Forges;
using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Commits the rendered notes file and the removal of the consumed fragments on <c>slipway/post-release-VERSION</c>,
/// made from the released commit, and pushes it. Built with plumbing and a private index, so the user's working tree
/// and index are never touched. On a forge with pull requests the branch becomes a pull request into the release
/// branch, found by its head and updated on a re-run or resume, never opened twice. Done when the branch exists on
/// the remote (and its pull request is open).
/// </summary>
public sealed class FinalizeChangelogStep(RunPorts ports, ForgeSection forgeSettings, string releaseBranch) : ReleaseStep
{
    private readonly string _remote = forgeSettings.Remote;

    public override string Name => StepNames.FinalizeChangelog;

    public override IReadOnlyList<string> DependsOn => [StepNames.CreateRelease, StepNames.ChangelogRender];

    public override StepPhase Phase => StepPhase.AfterRelease;

    public override string Description => ports.ForgeKind == ForgeSection.GitHubKind
        ? $"commit the notes file and fragment removals on slipway/post-release-VERSION, push it to {_remote} and open its pull request into {releaseBranch}"
        : $"commit the notes file and fragment removals on slipway/post-release-VERSION and push it to {_remote}";

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var detected = await context.OutputOfAsync<DetectedVersion>(StepNames.DetectVersion, cancellationToken);
        var changelog = await context.OutputOfAsync<RenderedChangelog>(StepNames.ChangelogRender, cancellationToken);
        var (version, released) = (detected.Version, detected.Commit);
        var branch = $"slipway/post-release-{version}";
        var reference = $"refs/heads/{branch}";

        var existing = await ports.Git.RemoteCommitAsync(_remote, reference, cancellationToken);
        ChangelogFinalized finalized;
        if (existing is not null)
        {
            context.Report($"{branch} already on {_remote}");
            finalized = new ChangelogFinalized(branch, existing, Created: false);
        }
        else
        {
            finalized = new ChangelogFinalized(branch, await PushAsync(context, changelog, version, released, reference, cancellationToken), Created: true);
            context.Report($"pushed {branch} ({finalized.Commit[..7]}) to {_remote}");
        }

        using var forge = ports.Forge(context.Services);
        var release = await context.TryOutputOfAsync<ReleaseCreated>(StepNames.CreateRelease, cancellationToken);
        var pull = await forge.OpenPullRequestAsync(
            new ProposedPullRequest(branch, releaseBranch, forgeSettings.PostReleaseTitle.Replace("{version}", version, StringComparison.Ordinal), Body(version, changelog, release)),
            cancellationToken);
        if (pull is null)
        {
            return StepResult.Done(finalized);
        }

        context.Report($"{(pull.Existing ? "updated" : "opened")} pull request #{pull.Number} {branch} -> {releaseBranch}: {pull.Location}");
        return StepResult.Done(finalized with { PullRequest = pull.Number, PullRequestUrl = pull.Location });
    }

    private static string Body(string version, RenderedChangelog changelog, ReleaseCreated? release)
    {
        var where = release is null ? string.Empty : $" ({release.Tag}, {release.Location})";
        var fragments = changelog.Fragments.Count == 1 ? "1 news fragment" : $"{changelog.Fragments.Count} news fragments";
        return $"The release notes of {version}{where}: `{changelog.File}` gains the rendered notes and the {fragments} it consumed are removed.\n\nOpened by Slipway when {version} was released.\n";
    }

    private async Task<string> PushAsync(StepContext context, RenderedChangelog changelog, string version, string released, string reference, CancellationToken cancellationToken)
    {
        var git = ports.Git;
        var (file, content, fragments) = (changelog.File, changelog.Content, changelog.Fragments);

        Directory.CreateDirectory(context.RunDirectory);
        var index = Path.Combine(context.RunDirectory, "finalize.index");
        File.Delete(index);
        var environment = new Dictionary<string, string>(await git.IdentityAsync(cancellationToken)) { ["GIT_INDEX_FILE"] = index };
        await git.RunAsync(["read-tree", released], cancellationToken, environment: environment);
        var blob = await git.RunAsync(["hash-object", "-w", "--stdin"], cancellationToken, content, environment);
        await git.RunAsync(["update-index", "--add", "--cacheinfo", $"100644,{blob},{file}"], cancellationToken, environment: environment);
        foreach (var fragment in fragments)
        {
            await git.RunAsync(["update-index", "--force-remove", "--", fragment], cancellationToken, environment: environment);
        }

        var tree = await git.RunAsync(["write-tree"], cancellationToken, environment: environment);
        var commit = await git.RunAsync(["commit-tree", tree, "-p", released, "-F", "-"], cancellationToken, $"Release notes for {version}\n", environment);
        await git.RunAsync(["push", "--quiet", _remote, $"{commit}:{reference}"], cancellationToken);
        File.Delete(index);
        return commit;
    }
}
