namespace Slipway.Forges.GitHub;

/// <summary>One side of a pull request: the branch name (<c>ref</c>) and its commit.</summary>
public sealed record GitHubBranchRef(string Ref, string Sha);
