using Slipway.Oci;

namespace Slipway.Signing;

/// <summary>One image an SBOM describes: a single-platform manifest, by digest, with its platform when an index names it.</summary>
public sealed record SbomTarget(ImageReference Image, Digest Digest, Platform? Platform)
{
    /// <summary>The <c>{platform}</c> value for the SBOM command: <c>linux/arm64/v8</c>, or empty for a lone manifest.</summary>
    public string PlatformText => Platform?.ToString() ?? string.Empty;
}
