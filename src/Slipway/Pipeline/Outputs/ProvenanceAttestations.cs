using System.Text.Json.Serialization.Metadata;
using Slipway.Signing.Provenance;
using Slipway.Signing.Sigstore;

namespace Slipway.Pipeline.Outputs;

/// <summary>
/// What attest-provenance journals: one provenance per image, the cosign tags it wrote, and the verify policy the
/// provenance satisfies (<see cref="ProvenancePolicy.Satisfied"/>, printed in the release notes' verify command).
/// </summary>
public sealed record ProvenanceAttestations(
    IReadOnlyList<ProvenanceAttestation> Provenance, IReadOnlyList<ArtifactTag> Artifacts, IReadOnlyList<BundleReferrer>? Referrers = null, ProvenancePolicy? Satisfies = null)
    : IStepOutput<ProvenanceAttestations>
{
    public static JsonTypeInfo<ProvenanceAttestations> JsonInfo => StepOutputContext.Default.ProvenanceAttestations;
}
