namespace Slipway.Notes;

/// <summary>The pull request list of a release: the Markdown section of the body, and the pull requests it names (for the narrative's input).</summary>
public sealed record PullRequestList(string Markdown, IReadOnlyList<PullRequest> PullRequests);
