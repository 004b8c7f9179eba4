using System.Text.Json.Nodes;
using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Images;

/// <summary>Tag moves in a journal object (<c>moves</c>: <c>{repository, tag, digest, previous}</c>), through <see cref="TagMoveProgress"/>.</summary>
public static class TagMoveJson
{
    public const string MovesKey = "moves";

    public static JsonArray Write(IEnumerable<TagMove> moves)
    {
        ArgumentNullException.ThrowIfNull(moves);
        return StepOutputJson.Write(new TagMoveProgress { Moves = [.. moves] })[MovesKey]!.AsArray().DeepClone().AsArray();
    }

    public static IReadOnlyList<TagMove> Read(JsonObject? outputs, string stepName = "") =>
        outputs is null ? [] : StepOutputJson.Read<TagMoveProgress>(outputs, stepName).Moves;
}
