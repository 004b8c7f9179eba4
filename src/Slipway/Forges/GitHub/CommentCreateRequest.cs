namespace Slipway.Forges.GitHub;

/// <summary>The body of <c>POST /repos/{owner}/{repo}/issues/{number}/comments</c>.</summary>
public sealed record CommentCreateRequest(string Body);
