using Slipway.Oci;

namespace Slipway.Pipeline.Outputs;

/// <summary>A platform (<c>linux/arm64</c>) of a pushed image and the digest of its manifest.</summary>
public sealed record PlatformDigest(string Platform, Digest Digest);
