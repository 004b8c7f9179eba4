using System.Text.Json.Serialization.Metadata;
using Slipway.Signing.Sigstore;

namespace Slipway.Pipeline.Outputs;

/// <summary>What attest-provenance journals: one provenance per image, and the cosign tags it wrote.</summary>
public sealed record ProvenanceAttestations(IReadOnlyList<ProvenanceAttestation> Provenance, IReadOnlyList<ArtifactTag> Artifacts, IReadOnlyList<BundleReferrer>? Referrers = null) : IStepOutput<ProvenanceAttestations>
{
    public static JsonTypeInfo<ProvenanceAttestations> JsonInfo => StepOutputContext.Default.ProvenanceAttestations;
}
