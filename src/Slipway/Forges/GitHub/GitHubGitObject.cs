namespace Slipway.Forges.GitHub;

/// <summary>The object a git reference names: its sha and type (<c>commit</c> or, for an annotated tag, <c>tag</c>).</summary>
public sealed record GitHubGitObject(string Sha, string Type);
