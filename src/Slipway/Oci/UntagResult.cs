namespace Slipway.Oci;

/// <summary>How a tag was removed, and the digest it named.</summary>
public sealed record UntagResult(ImageReference Reference, Digest Digest, UntagMethod Method);
