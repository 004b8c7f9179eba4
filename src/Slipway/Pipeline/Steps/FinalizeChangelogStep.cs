using Slipway.Git;
using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Commits the rendered notes file and the removal of the consumed fragments on <c>slipway/post-release-VERSION</c>,
/// made from the released commit, and pushes it. Built with plumbing and a private index, so the user's working tree
/// and index are never touched. Done when the branch exists on the remote.
/// </summary>
public sealed class FinalizeChangelogStep(GitCli git, string remote) : ReleaseStep
{
    public override string Name => StepNames.FinalizeChangelog;

    public override IReadOnlyList<string> DependsOn => [StepNames.CreateRelease, StepNames.ChangelogRender];

    public override StepPhase Phase => StepPhase.AfterRelease;

    public override string Description => $"commit the notes file and fragment removals on slipway/post-release-VERSION and push it to {remote}";

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var detected = await context.OutputOfAsync<DetectedVersion>(StepNames.DetectVersion, cancellationToken);
        var changelog = await context.OutputOfAsync<RenderedChangelog>(StepNames.ChangelogRender, cancellationToken);
        var (version, released) = (detected.Version, detected.Commit);
        var branch = $"slipway/post-release-{version}";
        var reference = $"refs/heads/{branch}";

        var existing = await git.RemoteCommitAsync(remote, reference, cancellationToken);
        if (existing is not null)
        {
            context.Report($"{branch} already on {remote}");
            return StepResult.Done(Outputs(branch, existing, created: false));
        }

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
        await git.RunAsync(["push", "--quiet", remote, $"{commit}:{reference}"], cancellationToken);
        File.Delete(index);
        context.Report($"pushed {branch} ({commit[..7]}) to {remote}");
        return StepResult.Done(Outputs(branch, commit, created: true));
    }

    private static ChangelogFinalized Outputs(string branch, string commit, bool created) => new(branch, commit, created);
}
