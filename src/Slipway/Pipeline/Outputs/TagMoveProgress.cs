using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>The tag moves a step journaled so far (push-prerelease, promote-images), read back by a re-run and by the rollback; none when it saved none.</summary>
public sealed record TagMoveProgress : IStepOutput<TagMoveProgress>
{
    private readonly IReadOnlyList<TagMove>? _moves;

    // The source-generated reader sets a missing list to null; none was journaled means none.
    public IReadOnlyList<TagMove> Moves
    {
        get => _moves ?? [];
        init => _moves = value;
    }

    public static JsonTypeInfo<TagMoveProgress> JsonInfo => StepOutputContext.Default.TagMoveProgress;
}
