using Slipway.Oci;

namespace Slipway.Signing;

/// <summary>What signing did: the digest signed, where the signature lives, whether an existing one already covered it, and the bundle referrer (when bundles are written).</summary>
public sealed record SignResult(ImageReference Image, Digest Digest, ImageReference SignatureTag, bool AlreadySigned, Digest? Bundle = null);
