namespace Slipway.Forges.GitHub;

/// <summary>A release asset; <c>digest</c> (<c>sha256:…</c>) is GitHub's own hash of the uploaded bytes, null on older servers.</summary>
public sealed record GitHubAsset(long Id, string Name, string ContentType, long Size, string State)
{
    public string? Digest { get; init; }
}
