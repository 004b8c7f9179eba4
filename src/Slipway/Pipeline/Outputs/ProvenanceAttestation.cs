using Slipway.Oci;

namespace Slipway.Pipeline.Outputs;

/// <summary>One image's SLSA provenance attestation, with the build's duration when the build ran.</summary>
public sealed record ProvenanceAttestation(string Repository, Digest Digest, string Attestation, double? BuildSeconds);
