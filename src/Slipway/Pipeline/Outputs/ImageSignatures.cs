using System.Text.Json.Serialization.Metadata;
using Slipway.Signing.Sigstore;

namespace Slipway.Pipeline.Outputs;

/// <summary>What sign journals: each signature, and the cosign tags it wrote with what they named before.</summary>
public sealed record ImageSignatures(IReadOnlyList<ImageSignature> Signatures, IReadOnlyList<ArtifactTag> Artifacts, IReadOnlyList<BundleReferrer>? Referrers = null) : IStepOutput<ImageSignatures>
{
    public static JsonTypeInfo<ImageSignatures> JsonInfo => StepOutputContext.Default.ImageSignatures;
}
