namespace Slipway.Oci;

/// <summary>What <c>image push</c> did: the digest and media type of the top manifest, its platforms, what it uploaded.</summary>
public sealed record PushResult(ImageReference Reference, Digest Digest, string MediaType, IReadOnlyList<Platform> Platforms, int BlobsUploaded, int BlobsSkipped);
