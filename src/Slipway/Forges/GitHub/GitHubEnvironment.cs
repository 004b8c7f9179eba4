namespace Slipway.Forges.GitHub;

/// <summary>A deployment environment, by name.</summary>
public sealed record GitHubEnvironment(string? Name);
