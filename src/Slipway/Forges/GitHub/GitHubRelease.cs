namespace Slipway.Forges.GitHub;

/// <summary>The fields of a GitHub release Slipway reads; <c>immutable</c> is absent on servers that predate immutable releases.</summary>
public sealed record GitHubRelease(
    long Id,
    string TagName,
    string TargetCommitish,
    string? Name,
    string? Body,
    bool Draft,
    bool Prerelease,
    string HtmlUrl,
    string UploadUrl,
    IReadOnlyList<GitHubAsset> Assets)
{
    public bool? Immutable { get; init; }
}
