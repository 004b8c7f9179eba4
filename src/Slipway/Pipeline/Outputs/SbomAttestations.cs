using System.Text.Json.Serialization.Metadata;
using Slipway.Signing.Sigstore;

namespace Slipway.Pipeline.Outputs;

/// <summary>What attest-sbom journals: one SBOM per platform manifest, and the cosign tags it wrote.</summary>
public sealed record SbomAttestations(IReadOnlyList<SbomAttestation> Sboms, IReadOnlyList<ArtifactTag> Artifacts, IReadOnlyList<BundleReferrer>? Referrers = null) : IStepOutput<SbomAttestations>
{
    public static JsonTypeInfo<SbomAttestations> JsonInfo => StepOutputContext.Default.SbomAttestations;
}
