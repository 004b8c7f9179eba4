using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Forges;
using Slipway.Forges.GitHub;
using Slipway.Git;

namespace Slipway.Versioning;

/// <summary>
/// <c>slipway bump --pr</c>: the bump committed on <c>slipway/bump</c> from HEAD with plumbing and a private index (the
/// working tree and index are never touched), pushed with a lease onto that branch only, and proposed as a pull request
/// into the current branch — the open one from <c>slipway/bump</c> is updated, never duplicated. The commit carries a
/// <c>Slipway-Bump</c> trailer, so a bump of a bump is refused.
/// </summary>
public sealed class BumpPullRequest(SlipwayConfig config, IEnvironment environment, SecretRedactor redactor)
{
    public const string Branch = "slipway/bump";

    public const string Trailer = "Slipway-Bump";

    private readonly GitCli _git = new(config.RootDirectory);

    /// <summary>Every refusal, before anything is written or pushed: the forge, HEAD, the branch and the token.</summary>
    public async Task<string> CheckAsync(IForge forge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forge);
        if (config.Forge.Kind != ForgeSection.GitHubKind)
        {
            throw ForgeErrors.BumpNeedsPullRequests(config.Forge.Kind);
        }

        var trailer = (await _git.RunAsync(["log", "-1", $"--format=%(trailers:key={Trailer},valueonly)", "HEAD"], cancellationToken)).Trim();
        if (trailer.Length > 0)
        {
            throw ForgeErrors.BumpOfABump(trailer.Split('\n')[0].Trim());
        }

        var (exitCode, branch, _) = await _git.TryRunAsync(["symbolic-ref", "-q", "--short", "HEAD"], cancellationToken);
        if (exitCode != 0 || branch.Trim() == Branch)
        {
            throw ForgeErrors.BumpBaseInvalid(exitCode != 0 ? null : Branch);
        }

        await forge.CheckAsync(cancellationToken);
        return branch.Trim();
    }

    public IForge Forge() => new GitHubForge(config.Forge, config.Project, _git, environment, redactor);

    /// <summary>Commits <paramref name="plan"/> on top of HEAD, pushes it to <see cref="Branch"/> and opens or updates its pull request into <paramref name="baseBranch"/>.</summary>
    public async Task<(string Commit, ForgePullRequest Pull)> OpenAsync(IForge forge, BumpPlan plan, string baseBranch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forge);
        ArgumentNullException.ThrowIfNull(plan);
        var commit = await CommitAsync(plan, cancellationToken);
        var remote = config.Forge.Remote;
        var reference = $"refs/heads/{Branch}";
        // The lease: the branch is replaced only if it still names what was read just now (or is still absent), and no other ref is pushed.
        var expected = await _git.RemoteCommitAsync(remote, reference, cancellationToken) ?? string.Empty;
        await _git.RunAsync(["push", "--quiet", $"--force-with-lease={reference}:{expected}", remote, $"{commit}:{reference}"], cancellationToken);
        var version = plan.Next.ToString();
        var pull = await forge.OpenPullRequestAsync(
            new ProposedPullRequest(Branch, baseBranch, $"chore: bump version to {version}", $"Bumps the version from {plan.Previous} to {version} in {string.Join(", ", plan.Edits.Select(e => $"`{e.File}`"))}.\n\nOpened by `slipway bump --pr`.\n"),
            cancellationToken);
        return (commit, pull ?? throw ForgeErrors.BumpNeedsPullRequests(forge.Kind));
    }

    private async Task<string> CommitAsync(BumpPlan plan, CancellationToken cancellationToken)
    {
        var top = (await _git.RunAsync(["rev-parse", "--show-toplevel"], cancellationToken)).Trim();
        var index = (await _git.RunAsync(["rev-parse", "--path-format=absolute", "--git-path", "slipway-bump.index"], cancellationToken)).Trim();
        File.Delete(index);
        var environment = new Dictionary<string, string>(await _git.IdentityAsync(cancellationToken)) { ["GIT_INDEX_FILE"] = index };
        var scratch = Path.Combine(Path.GetDirectoryName(index)!, "slipway-bump.blob");
        try
        {
            await _git.RunAsync(["read-tree", "HEAD"], cancellationToken, environment: environment);
            foreach (var edit in plan.Edits.Where(e => e.Changes))
            {
                var path = Path.GetRelativePath(top, Path.GetFullPath(edit.WritePath)).Replace('\\', '/');
                await File.WriteAllBytesAsync(scratch, edit.Updated, cancellationToken);
                // --path applies the file's attributes (eol, filters) as 'git add' would.
                var blob = (await _git.RunAsync(["hash-object", "-w", $"--path={path}", "--", scratch], cancellationToken)).Trim();
                var listed = (await _git.RunAsync(["ls-tree", "HEAD", "--", path], cancellationToken)).Trim();
                var mode = listed.Length > 0 ? listed.Split(' ')[0] : "100644";
                await _git.RunAsync(["update-index", "--add", "--cacheinfo", $"{mode},{blob},{path}"], cancellationToken, environment: environment);
            }

            var tree = (await _git.RunAsync(["write-tree"], cancellationToken, environment: environment)).Trim();
            var message = $"Bump version to {plan.Next}\n\n{Trailer}: {plan.Next}\n";
            return (await _git.RunAsync(["commit-tree", tree, "-p", "HEAD", "-F", "-"], cancellationToken, message, environment)).Trim();
        }
        finally
        {
            File.Delete(index);
            File.Delete(scratch);
        }
    }
}
