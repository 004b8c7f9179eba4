using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>What push-prerelease journals, the input of every later image step: the images pushed by digest and the prerelease tag moves (undone by its rollback).</summary>
public sealed record PrereleaseImages(IReadOnlyList<PushedImage> Images, IReadOnlyList<TagMove> Moves) : IStepOutput<PrereleaseImages>
{
    public static JsonTypeInfo<PrereleaseImages> JsonInfo => StepOutputContext.Default.PrereleaseImages;
}
