using System.Text.Json.Nodes;

namespace Slipway.Pipeline.Builds;

/// <summary>
/// One image layout as the build left it: which <c>[[image]]</c> and layout (<c>LAYOUT[:NAME]</c>) it is, the platform
/// it was built for (<c>layouts</c>; null for a single <c>layout</c>), the digest and size of its <c>index.json</c>, the
/// manifest taken from it (the entry, or for a platform layout that platform's manifest) and its platform manifests.
/// <see cref="Pushed"/>: a one-platform build already pushed the manifest and its blobs by digest.
/// </summary>
public sealed record LayoutRecord(
    string Repository,
    string Layout,
    string? Platform,
    string Index,
    long IndexSize,
    string Digest,
    long Size,
    string MediaType,
    IReadOnlyList<PlatformManifest> Platforms,
    bool Pushed = false)
{
    public JsonObject ToJson()
    {
        var platforms = new JsonArray();
        foreach (var platform in Platforms)
        {
            platforms.Add((JsonNode)platform.ToJson());
        }

        return new JsonObject
        {
            ["repository"] = Repository,
            ["layout"] = Layout,
            ["platform"] = Platform,
            ["index"] = Index,
            ["indexSize"] = IndexSize,
            ["digest"] = Digest,
            ["size"] = Size,
            ["mediaType"] = MediaType,
            ["platforms"] = platforms,
            ["pushed"] = Pushed,
        };
    }

    public static LayoutRecord FromJson(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new LayoutRecord(
            node["repository"]!.GetValue<string>(),
            node["layout"]!.GetValue<string>(),
            node["platform"]?.GetValue<string>(),
            node["index"]!.GetValue<string>(),
            node["indexSize"]!.GetValue<long>(),
            node["digest"]!.GetValue<string>(),
            node["size"]!.GetValue<long>(),
            node["mediaType"]!.GetValue<string>(),
            [.. node["platforms"]!.AsArray().Select(p => PlatformManifest.FromJson(p!))],
            node["pushed"]?.GetValue<bool>() == true);
    }
}
