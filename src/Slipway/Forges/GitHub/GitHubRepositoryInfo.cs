namespace Slipway.Forges.GitHub;

/// <summary>The fields of GitHub's <c>full-repository</c> the token check reads.</summary>
public sealed record GitHubRepositoryInfo(string FullName, bool Private, GitHubPermissions? Permissions);
