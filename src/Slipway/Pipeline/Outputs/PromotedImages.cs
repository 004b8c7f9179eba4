using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>What promote-images journals: each image with the release tags it got, every tag move (undone by its rollback), and each tag's decision.</summary>
public sealed record PromotedImages(IReadOnlyList<PushedImage> Images, IReadOnlyList<TagMove> Moves, IReadOnlyList<PromotionDecision> Decisions) : IStepOutput<PromotedImages>
{
    public static JsonTypeInfo<PromotedImages> JsonInfo => StepOutputContext.Default.PromotedImages;
}
