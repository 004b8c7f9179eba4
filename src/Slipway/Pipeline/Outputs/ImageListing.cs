using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>The <c>images</c> any step journaled, as <c>slipway status</c> gathers them; none when it journaled none.</summary>
public sealed record ImageListing : IStepOutput<ImageListing>
{
    private readonly IReadOnlyList<PushedImage>? _images;

    // The source-generated reader sets a missing list to null; none was journaled means none.
    public IReadOnlyList<PushedImage> Images
    {
        get => _images ?? [];
        init => _images = value;
    }

    public static JsonTypeInfo<ImageListing> JsonInfo => StepOutputContext.Default.ImageListing;
}
