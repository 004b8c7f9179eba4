namespace Slipway.Forges.GitHub;

/// <summary>An issue as Slipway reads it; the issues list also returns pull requests, which carry <c>pull_request</c>.</summary>
public sealed record GitHubIssue(long Number, string Title, string State, string HtmlUrl)
{
    public System.Text.Json.JsonElement? PullRequest { get; init; }
}
