namespace Slipway.Forges;

/// <summary>A pull request to open from <see cref="Head"/> (a branch of the repository) into <see cref="Base"/>.</summary>
public sealed record ProposedPullRequest(string Head, string Base, string Title, string Body);
