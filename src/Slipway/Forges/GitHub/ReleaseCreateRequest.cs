namespace Slipway.Forges.GitHub;

/// <summary>The body of <c>POST /repos/{owner}/{repo}/releases</c>; Slipway always creates a draft first.</summary>
public sealed record ReleaseCreateRequest(string TagName, string TargetCommitish, string Name, string Body, bool Draft, bool Prerelease);
