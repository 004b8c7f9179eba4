namespace Slipway.Forges.GitHub;

/// <summary>One review of a workflow run's deployment: who approved or rejected it, for which environments.</summary>
public sealed record GitHubApproval(string State, string? Comment, GitHubUser User, IReadOnlyList<GitHubEnvironment> Environments);
