namespace Slipway.Forges.GitHub;

/// <summary>The body of <c>PATCH /repos/{owner}/{repo}/pulls/{number}</c>.</summary>
public sealed record PullUpdateRequest(string Title, string Body, string Base);
