namespace Slipway.Forges.GitHub;

/// <summary>A GitHub account, by login.</summary>
public sealed record GitHubUser(string Login);
