namespace Slipway.Forges;

/// <summary>
/// Where a release becomes public: the plain-git forge pushes an annotated tag; the GitHub forge stages a draft with
/// every asset, then publishes it. Publishing is the point of no return of a run.
/// </summary>
public interface IForge : IDisposable
{
    string Kind { get; }

    /// <summary>Whether the forge stages a release before publishing it (<see cref="DraftAsync"/> does something).</summary>
    bool HasDrafts { get; }

    /// <summary>What must hold before anything changes (a token, a repository): a coded error otherwise.</summary>
    Task CheckAsync(CancellationToken cancellationToken);

    /// <summary>The published release for <paramref name="tag"/>, or null: "already released" is decided here. A draft is not a release.</summary>
    Task<ForgeRelease?> FindReleaseAsync(string tag, CancellationToken cancellationToken);

    /// <summary>
    /// Stages the release with every asset, reusing a draft an earlier attempt left (never a second one); null when
    /// the forge has no drafts. Idempotent: an asset already there with the same digest is left alone.
    /// <paramref name="staged"/> hears of the draft before the first upload, so a failure later still journals it.
    /// </summary>
    Task<ForgeDraft?> DraftAsync(ReleaseRequest request, Func<ForgeDraft, CancellationToken, Task> staged, CancellationToken cancellationToken);

    /// <summary>Deletes the draft when this run created it and it is still a draft; a published release is never touched.</summary>
    Task DiscardDraftAsync(ForgeDraft draft, CancellationToken cancellationToken);

    /// <summary>Makes the release of <see cref="ReleaseRequest.Commit"/> public; an existing one at that commit is returned as it is.</summary>
    Task<ForgeRelease> CreateReleaseAsync(ReleaseRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Tells the maintainers that a run stopped after the point of no return, with the command that finishes it: one
    /// tracking issue per release, found by its title and commented on by a later failure; null when the forge has no issues.
    /// </summary>
    Task<ForgeIssue?> ReportUnfinishedAsync(UnfinishedRelease release, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the pull request of a pushed branch, or updates the open one from that branch (title, body, base) instead
    /// of opening a second; null when the forge has no pull requests (the branch alone is the result).
    /// </summary>
    Task<ForgePullRequest?> OpenPullRequestAsync(ProposedPullRequest pull, CancellationToken cancellationToken);
}
