namespace Slipway.Oci;

/// <summary>What a HEAD of a manifest tells: the digest the registry reports, the media type and the size. No bytes to check.</summary>
public sealed record ManifestHead(Digest Digest, string MediaType, long Size);
