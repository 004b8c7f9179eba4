using System.Text.Json.Nodes;
using Slipway.Oci;

namespace Slipway.Pipeline.Images;

/// <summary>
/// The cosign tags (<c>sha256-HEX.sig</c>, <c>.att</c>) a signing step is about to write, with the manifest each named
/// before, journaled before the write. Rolling back puts each tag back where it was: removed when it did not exist,
/// re-pointed at the earlier manifest when an identical image was signed before (its release keeps its signatures).
/// </summary>
public static class ArtifactTags
{
    public const string Key = "artifacts";

    /// <summary>
    /// Journals what each tag names now (keeping what an earlier attempt recorded), before the step writes; the step
    /// puts the returned array in its outputs under <see cref="Key"/>.
    /// </summary>
    public static async Task<JsonArray> RecordAsync(StepContext context, IRegistry registry, IEnumerable<ImageReference> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(tags);
        var progress = await context.OwnProgressAsync(cancellationToken);
        var recorded = Read(progress);
        foreach (var tag in tags)
        {
            var text = tag.ToString();
            if (!recorded.Any(r => r.Tag == text))
            {
                recorded.Add((text, (await registry.ResolveAsync(tag, cancellationToken))?.ToString()));
            }
        }

        await context.SaveProgressAsync(new JsonObject { [Key] = Write(recorded) }, cancellationToken);
        return Write(recorded);
    }

    public static JsonArray Write(IEnumerable<(string Tag, string? Previous)> artifacts)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        var array = new JsonArray();
        foreach (var (tag, previous) in artifacts)
        {
            array.Add((JsonNode)new JsonObject { ["tag"] = tag, ["previous"] = previous });
        }

        return array;
    }

    public static List<(string Tag, string? Previous)> Read(JsonObject? outputs) =>
        outputs?[Key] is JsonArray artifacts
            ? [.. artifacts.Select(a => (a!["tag"]!.GetValue<string>(), a["previous"]?.GetValue<string>()))]
            : [];

    /// <summary>Puts every recorded tag back as it was; returns what changed, for the run's messages.</summary>
    public static async Task<IReadOnlyList<string>> RestoreAsync(IRegistry registry, JsonObject? outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var done = new List<string>();
        foreach (var (text, previous) in Enumerable.Reverse(Read(outputs)))
        {
            var tag = ImageReference.Parse(text);
            var current = await registry.ResolveAsync(tag, cancellationToken);
            if (current is null || current.ToString() == previous)
            {
                continue;
            }

            if (previous is null)
            {
                // Cosign manifests belong to one subject and one tag, so deleting by digest touches nothing else.
                await registry.DeleteManifestAsync(tag.Untargeted(), current, cancellationToken);
                done.Add($"removed {tag.Tag}");
            }
            else
            {
                var earlier = await registry.GetManifestAsync(tag.WithDigest(Digest.Parse(previous)), cancellationToken);
                await registry.PutManifestAsync(tag, earlier.Bytes, earlier.MediaType, cancellationToken);
                done.Add($"restored {tag.Tag} to {previous}");
            }
        }

        return done;
    }
}
