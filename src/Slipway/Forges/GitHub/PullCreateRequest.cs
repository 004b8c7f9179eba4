namespace Slipway.Forges.GitHub;

/// <summary>The body of <c>POST /repos/{owner}/{repo}/pulls</c>.</summary>
public sealed record PullCreateRequest(string Title, string Head, string Base, string Body);
