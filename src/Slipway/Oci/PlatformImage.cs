namespace Slipway.Oci;

/// <summary>One platform's manifest inside an index (or the image itself, for a single manifest).</summary>
public sealed record PlatformImage(Platform Platform, Digest Digest, string MediaType, long Size);
