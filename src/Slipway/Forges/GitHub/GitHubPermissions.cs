namespace Slipway.Forges.GitHub;

/// <summary>The token user's permissions on a repository, as <c>full-repository.permissions</c> answers them.</summary>
public sealed record GitHubPermissions(bool Push);
