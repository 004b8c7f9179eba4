namespace Slipway.Forges.GitHub;

/// <summary>The body of <c>POST /repos/{owner}/{repo}/issues</c>.</summary>
public sealed record IssueCreateRequest(string Title, string Body);
