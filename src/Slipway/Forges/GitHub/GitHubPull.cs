namespace Slipway.Forges.GitHub;

/// <summary>A pull request as Slipway reads it: the branches it joins, its text (to update only what changed) and where to see it.</summary>
public sealed record GitHubPull(long Number, string Title, string? Body, string State, string HtmlUrl, GitHubBranchRef Head, GitHubBranchRef Base);
