namespace Slipway.Oci;

/// <summary>What <see cref="LayoutPacker"/> wrote: where, the digest of the top manifest or index, and each platform image.</summary>
public sealed record LayoutPackResult(string Output, Digest Digest, string MediaType, IReadOnlyList<PlatformImage> Platforms);
