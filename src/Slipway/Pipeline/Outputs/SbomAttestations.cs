using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>What attest-sbom journals: one SBOM per platform manifest, and the cosign tags it wrote.</summary>
public sealed record SbomAttestations(IReadOnlyList<SbomAttestation> Sboms, IReadOnlyList<ArtifactTag> Artifacts) : IStepOutput<SbomAttestations>
{
    public static JsonTypeInfo<SbomAttestations> JsonInfo => StepOutputContext.Default.SbomAttestations;
}
