namespace Slipway.Forges.GitHub;

/// <summary>A comment Slipway posted.</summary>
public sealed record GitHubComment(long Id, string HtmlUrl);
