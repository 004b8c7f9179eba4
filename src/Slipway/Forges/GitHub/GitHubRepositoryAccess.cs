namespace Slipway.Forges.GitHub;

/// <summary>
/// What GitHub says about the token on <c>GET /repos/{owner}/{repo}</c>: the classic token's scopes
/// (<c>X-OAuth-Scopes</c>; null when the header is absent), whether the repository is private, and the token user's
/// <c>push</c> permission (null when GitHub answers no <c>permissions</c>, as for an installation token).
/// </summary>
public sealed record GitHubRepositoryAccess(IReadOnlyList<string>? Scopes, bool Private, bool? Push);
