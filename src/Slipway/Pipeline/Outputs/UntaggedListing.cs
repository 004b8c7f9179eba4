using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>The <c>untagged</c> prerelease tags any step journaled, as <c>slipway status</c> gathers them; none when it journaled none.</summary>
public sealed record UntaggedListing : IStepOutput<UntaggedListing>
{
    private readonly IReadOnlyList<UntaggedImage>? _untagged;

    // The source-generated reader sets a missing list to null; none was journaled means none.
    public IReadOnlyList<UntaggedImage> Untagged
    {
        get => _untagged ?? [];
        init => _untagged = value;
    }

    public static JsonTypeInfo<UntaggedListing> JsonInfo => StepOutputContext.Default.UntaggedListing;
}
