using System.Text.Json.Serialization.Metadata;
using Slipway.Signing.Sigstore;

namespace Slipway.Pipeline.Outputs;

/// <summary>
/// What sign journals: each signature, the cosign tags it wrote with what they named before, and in keyless mode the
/// identity the certificate names (<see cref="SignerIdentity"/>, for the verify commands of the release notes).
/// </summary>
public sealed record ImageSignatures(
    IReadOnlyList<ImageSignature> Signatures, IReadOnlyList<ArtifactTag> Artifacts, IReadOnlyList<BundleReferrer>? Referrers = null, SignerIdentity? Keyless = null)
    : IStepOutput<ImageSignatures>
{
    public static JsonTypeInfo<ImageSignatures> JsonInfo => StepOutputContext.Default.ImageSignatures;
}
