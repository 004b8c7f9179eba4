using Slipway.Oci;

namespace Slipway.Pipeline.Outputs;

/// <summary>A cosign tag (<c>repository:sha256-HEX.sig</c> or <c>.att</c>) a signing step writes, and the manifest it named before (null when it did not exist).</summary>
public sealed record ArtifactTag(string Tag, Digest? Previous);
