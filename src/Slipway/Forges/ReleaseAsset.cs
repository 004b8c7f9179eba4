namespace Slipway.Forges;

/// <summary>A file attached to a release: its name on the release page, content type, SHA-256 (hex) and size, and how to read it.</summary>
public sealed record ReleaseAsset(string Name, string ContentType, string Sha256, long Size, Func<Stream> Open)
{
    /// <summary>The digest as GitHub writes it on an asset: <c>sha256:HEX</c>.</summary>
    public string Digest => $"sha256:{Sha256}";
}
