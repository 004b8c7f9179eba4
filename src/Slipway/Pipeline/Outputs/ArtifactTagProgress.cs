using System.Text.Json.Serialization.Metadata;
using Slipway.Signing.Sigstore;

namespace Slipway.Pipeline.Outputs;

/// <summary>
/// The cosign tags a signing step recorded before writing them, and the bundle referrers it pushed (each journaled before
/// its push), read back by a re-run and by push-prerelease's rollback; none when it recorded none.
/// </summary>
public sealed record ArtifactTagProgress : IStepOutput<ArtifactTagProgress>
{
    private readonly IReadOnlyList<ArtifactTag>? _artifacts;

    // The source-generated reader sets a missing list to null; none was journaled means none.
    public IReadOnlyList<ArtifactTag> Artifacts
    {
        get => _artifacts ?? [];
        init => _artifacts = value;
    }

    private readonly IReadOnlyList<BundleReferrer>? _referrers;

    public IReadOnlyList<BundleReferrer> Referrers
    {
        get => _referrers ?? [];
        init => _referrers = value;
    }

    public static JsonTypeInfo<ArtifactTagProgress> JsonInfo => StepOutputContext.Default.ArtifactTagProgress;
}
