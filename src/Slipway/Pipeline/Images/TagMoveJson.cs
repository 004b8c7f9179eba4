using System.Text.Json.Nodes;

namespace Slipway.Pipeline.Images;

/// <summary>How tag moves are journaled (<c>moves</c>: <c>{repository, tag, digest, previous}</c>) and read back for rollback.</summary>
public static class TagMoveJson
{
    public const string MovesKey = "moves";

    public static JsonArray Write(IEnumerable<TagMove> moves)
    {
        ArgumentNullException.ThrowIfNull(moves);
        var array = new JsonArray();
        foreach (var move in moves)
        {
            array.Add((JsonNode)new JsonObject
            {
                ["repository"] = move.Repository,
                ["tag"] = move.Tag,
                ["digest"] = move.Digest,
                ["previous"] = move.PreviousDigest,
            });
        }

        return array;
    }

    public static IReadOnlyList<TagMove> Read(JsonObject? outputs)
    {
        if (outputs?[MovesKey] is not JsonArray moves)
        {
            return [];
        }

        return [.. moves.Select(m => new TagMove(
            m!["repository"]!.GetValue<string>(),
            m["tag"]!.GetValue<string>(),
            m["digest"]!.GetValue<string>(),
            m["previous"]?.GetValue<string>()))];
    }
}
