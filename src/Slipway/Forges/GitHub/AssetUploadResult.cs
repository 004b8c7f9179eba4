namespace Slipway.Forges.GitHub;

/// <summary>An upload's answer: the asset GitHub stored, or <see cref="AlreadyExists"/> (422 <c>already_exists</c>) when one of that name was there.</summary>
public sealed record AssetUploadResult(GitHubAsset? Asset, bool AlreadyExists);
