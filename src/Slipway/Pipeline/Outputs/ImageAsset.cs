using Slipway.Oci;

namespace Slipway.Pipeline.Outputs;

/// <summary>
/// A release asset read from the registry, as draft-release decided it: its name, content type, SHA-256 and size, and
/// where it came from (the manifest and layer, both by digest, and which part of the layer), so a resume reads the
/// same bytes or fails.
/// </summary>
public sealed record ImageAsset(string Name, string ContentType, string Sha256, long Size, string Repository, Digest Manifest, Digest Layer, ImageAssetPart Part);
