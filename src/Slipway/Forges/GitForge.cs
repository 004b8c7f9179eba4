using Slipway.Git;

namespace Slipway.Forges;

/// <summary>
/// The plain-git forge: a release is an annotated tag at the built commit, with the notes as its message, pushed to
/// the remote. "Already released" means the tag exists on the remote.
/// </summary>
public sealed class GitForge(GitCli git, string remote) : IForge
{
    public string Kind => "git";

    public bool HasDrafts => false;

    public Task CheckAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<ForgeDraft?> DraftAsync(ReleaseRequest request, Func<ForgeDraft, CancellationToken, Task> staged, CancellationToken cancellationToken) => Task.FromResult<ForgeDraft?>(null);

    public Task DiscardDraftAsync(ForgeDraft draft, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A bare git remote has no issues: the run's own output carries the resume command.</summary>
    public Task<ForgeIssue?> ReportUnfinishedAsync(UnfinishedRelease release, CancellationToken cancellationToken) => Task.FromResult<ForgeIssue?>(null);

    /// <summary>A bare git remote has no pull requests: the pushed branch is the whole result.</summary>
    public Task<ForgePullRequest?> OpenPullRequestAsync(ProposedPullRequest pull, CancellationToken cancellationToken) => Task.FromResult<ForgePullRequest?>(null);

    public void Dispose()
    {
    }

    public async Task<ForgeRelease?> FindReleaseAsync(string tag, CancellationToken cancellationToken)
    {
        var commit = await git.RemoteCommitAsync(remote, $"refs/tags/{tag}", cancellationToken);
        return commit is null ? null : new ForgeRelease(tag, commit, $"{remote} refs/tags/{tag}");
    }

    /// <summary>An annotated tag carries no files: the assets stay where the steps put them (the registry, the build's output).</summary>
    public async Task<ForgeRelease> CreateReleaseAsync(ReleaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (tag, commit, notes) = (request.Tag, request.Commit, request.Body);
        var local = await git.TryRunAsync(["rev-parse", "-q", "--verify", $"refs/tags/{tag}^{{commit}}"], cancellationToken);
        var localCommit = local.ExitCode == 0 ? local.Output.Trim() : null;
        if (localCommit is not null && localCommit != commit)
        {
            throw ForgeErrors.TagElsewhere(tag, localCommit, commit);
        }

        if (localCommit is null)
        {
            var identity = await git.IdentityAsync(cancellationToken);
            // Verbatim: git's default cleanup drops lines starting with '#', which are Markdown headings in release notes.
            await git.RunAsync(["tag", "-a", "--cleanup=verbatim", tag, commit, "-F", "-"], cancellationToken, notes, identity);
        }

        await git.RunAsync(["push", "--quiet", remote, $"refs/tags/{tag}:refs/tags/{tag}"], cancellationToken);
        return new ForgeRelease(tag, commit, $"{remote} refs/tags/{tag}");
    }
}
