using System.Text.Json.Nodes;

namespace Slipway.Pipeline.Images;

/// <summary>
/// One image as push-prerelease journals it, the input of every later image step: the repository, the digest pushed
/// (an index for a multi-platform image), each platform with its manifest digest, and the prerelease tags.
/// </summary>
public sealed record PushedImage(string Repository, string Digest, IReadOnlyList<PlatformDigest> Platforms, IReadOnlyList<string> Tags)
{
    public const string ImagesKey = "images";

    /// <summary>The index digest and every platform digest: where signatures and attestations may live.</summary>
    public IEnumerable<string> AllDigests => Platforms.Select(p => p.Digest).Prepend(Digest).Distinct(StringComparer.Ordinal);

    /// <summary>The run record's form: <c>{repository, digest, platforms, tags, platformDigests}</c>.</summary>
    public JsonObject ToJson(IEnumerable<string>? tags = null)
    {
        var platforms = new JsonArray();
        var digests = new JsonObject();
        foreach (var platform in Platforms)
        {
            platforms.Add((JsonNode?)JsonValue.Create(platform.Platform));
            digests[platform.Platform] = platform.Digest;
        }

        var tagArray = new JsonArray();
        foreach (var tag in tags ?? Tags)
        {
            tagArray.Add((JsonNode?)JsonValue.Create(tag));
        }

        return new JsonObject
        {
            ["repository"] = Repository,
            ["digest"] = Digest,
            ["platforms"] = platforms,
            ["tags"] = tagArray,
            ["platformDigests"] = digests,
        };
    }

    public static PushedImage FromJson(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var digests = node["platformDigests"]?.AsObject();
        var platforms = node["platforms"]!.AsArray()
            .Select(p => p!.GetValue<string>())
            .Select(p => new PlatformDigest(p, digests?[p]?.GetValue<string>() ?? node["digest"]!.GetValue<string>()))
            .ToList();
        return new PushedImage(
            node["repository"]!.GetValue<string>(),
            node["digest"]!.GetValue<string>(),
            platforms,
            [.. node["tags"]!.AsArray().Select(t => t!.GetValue<string>())]);
    }

    public static IReadOnlyList<PushedImage> ListFrom(JsonObject outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return outputs[ImagesKey] is JsonArray images ? [.. images.Select(i => FromJson(i!))] : [];
    }
}
