namespace Slipway.Notes;

/// <summary>
/// Where a release's list of merged pull requests comes from: the git history (<see cref="GitPullRequestList"/>) on
/// any forge, GitHub's generate-notes endpoint on the GitHub forge.
/// </summary>
public interface IPullRequestList
{
    Task<PullRequestList> ListAsync(ReleaseRange range, CancellationToken cancellationToken);
}
