using System.Text.Json.Serialization;

namespace Slipway.Pipeline.Outputs;

/// <summary>
/// The one serializer contract of every step output: camelCase names as the journal has always held them, a missing
/// or null value where the record does not allow one is an error rather than a default.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(DigestJsonConverter), typeof(PushedImageJsonConverter)])]
[JsonSerializable(typeof(DetectedVersion))]
[JsonSerializable(typeof(PreflightChecks))]
[JsonSerializable(typeof(GateRuns))]
[JsonSerializable(typeof(RenderedChangelog))]
[JsonSerializable(typeof(BuildInvocation))]
[JsonSerializable(typeof(PrereleaseImages))]
[JsonSerializable(typeof(ImageSignatures))]
[JsonSerializable(typeof(SbomAttestations))]
[JsonSerializable(typeof(ProvenanceAttestations))]
[JsonSerializable(typeof(ScanOutcome))]
[JsonSerializable(typeof(ApprovalRecord))]
[JsonSerializable(typeof(ApprovalPreview))]
[JsonSerializable(typeof(PromotedImages))]
[JsonSerializable(typeof(ComposedNotes))]
[JsonSerializable(typeof(ReleaseCreated))]
[JsonSerializable(typeof(DraftReleased))]
[JsonSerializable(typeof(ChangelogFinalized))]
[JsonSerializable(typeof(PrereleaseCleanup))]
[JsonSerializable(typeof(TagMoveProgress))]
[JsonSerializable(typeof(ArtifactTagProgress))]
[JsonSerializable(typeof(PromotionProgress))]
[JsonSerializable(typeof(ImageListing))]
[JsonSerializable(typeof(UntaggedListing))]
[JsonSerializable(typeof(PushedImage))]
[JsonSerializable(typeof(CheckedPackages))]
[JsonSerializable(typeof(PublishedPackages))]
public sealed partial class StepOutputContext : JsonSerializerContext;
