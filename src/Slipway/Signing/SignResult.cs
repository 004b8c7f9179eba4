using Slipway.Oci;

namespace Slipway.Signing;

/// <summary>What signing did: the digest signed, where the signature lives, and whether an existing one already covered it.</summary>
public sealed record SignResult(ImageReference Image, Digest Digest, ImageReference SignatureTag, bool AlreadySigned);
