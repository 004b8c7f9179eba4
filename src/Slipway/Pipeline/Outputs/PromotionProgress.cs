using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>What promote-images journals before its first tag moves: the moves planned so far and each tag's decision.</summary>
public sealed record PromotionProgress : IStepOutput<PromotionProgress>
{
    private readonly IReadOnlyList<TagMove>? _moves;

    // The source-generated reader sets a missing list to null; none was journaled means none.
    public IReadOnlyList<TagMove> Moves
    {
        get => _moves ?? [];
        init => _moves = value;
    }

    private readonly IReadOnlyList<PromotionDecision>? _decisions;

    // The source-generated reader sets a missing list to null; none was journaled means none.
    public IReadOnlyList<PromotionDecision> Decisions
    {
        get => _decisions ?? [];
        init => _decisions = value;
    }

    public static JsonTypeInfo<PromotionProgress> JsonInfo => StepOutputContext.Default.PromotionProgress;
}
