using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>What sign journals: each signature, and the cosign tags it wrote with what they named before.</summary>
public sealed record ImageSignatures(IReadOnlyList<ImageSignature> Signatures, IReadOnlyList<ArtifactTag> Artifacts) : IStepOutput<ImageSignatures>
{
    public static JsonTypeInfo<ImageSignatures> JsonInfo => StepOutputContext.Default.ImageSignatures;
}
