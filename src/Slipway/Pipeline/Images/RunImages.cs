using System.Text.Json.Nodes;

namespace Slipway.Pipeline.Images;

/// <summary>
/// The run record's <c>images</c>: the <c>images</c> arrays the steps journaled, one entry per (repository, digest)
/// with every tag the run gave it, less the tags a step journaled as <c>untagged</c> (cleanup-prerelease); steps rolled
/// back count for nothing.
/// </summary>
public static class RunImages
{
    public static IReadOnlyList<JsonObject> Gather(IEnumerable<JsonObject?> stepOutputs)
    {
        ArgumentNullException.ThrowIfNull(stepOutputs);
        // A step whose effects were rolled back left no image behind.
        var outputs = stepOutputs.OfType<JsonObject>().Where(o => o[StepContext.CompensatedKey]?.GetValue<bool>() != true).ToList();
        var untagged = outputs
            .SelectMany(o => o["untagged"] is JsonArray a ? a : [])
            .Select(u => (u!["repository"]!.GetValue<string>(), u["tag"]!.GetValue<string>()))
            .ToHashSet();
        var images = new List<JsonObject>();
        foreach (var image in outputs.SelectMany(o => o[PushedImage.ImagesKey] is JsonArray a ? a : []).OfType<JsonObject>())
        {
            var repository = image["repository"]?.GetValue<string>();
            var digest = image["digest"]?.GetValue<string>();
            var entry = images.FirstOrDefault(i => i["repository"]?.GetValue<string>() == repository && i["digest"]?.GetValue<string>() == digest);
            if (entry is null)
            {
                entry = (JsonObject)image.DeepClone();
                entry["tags"] = new JsonArray();
                images.Add(entry);
            }

            var tags = entry["tags"]!.AsArray();
            foreach (var tag in image["tags"] is JsonArray list ? list.Select(t => t!.GetValue<string>()) : [])
            {
                if (!untagged.Contains((repository!, tag)) && !tags.Any(t => t!.GetValue<string>() == tag))
                {
                    tags.Add((JsonNode?)JsonValue.Create(tag));
                }
            }
        }

        return images;
    }
}
