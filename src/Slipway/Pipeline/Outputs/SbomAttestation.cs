using Slipway.Oci;

namespace Slipway.Pipeline.Outputs;

/// <summary>One platform manifest's SBOM attestation: its package count when counted (the next release's floor) and the attestation tag; the platform is empty for a single-manifest image without one.</summary>
public sealed record SbomAttestation(string Repository, Digest Digest, string Platform, int? Packages, string Attestation);
