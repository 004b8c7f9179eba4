namespace Slipway.Pipeline.Images;

/// <summary>A platform (<c>linux/arm64</c>) of a pushed image and the digest of its manifest.</summary>
public sealed record PlatformDigest(string Platform, string Digest);
