using System.Text.Json.Nodes;
using Slipway.Oci;

namespace Slipway.Pipeline.Outputs;

/// <summary>
/// One image as push-prerelease journals it, the input of every later image step: the repository, the digest pushed
/// (an index for a multi-platform image), each platform with its manifest digest, and the prerelease tags. Journaled
/// as <c>{repository, digest, platforms, tags, platformDigests}</c> (<see cref="PushedImageJsonConverter"/>).
/// </summary>
public sealed record PushedImage(string Repository, Digest Digest, IReadOnlyList<PlatformDigest> Platforms, IReadOnlyList<string> Tags)
{
    public const string ImagesKey = "images";

    /// <summary>The index digest and every platform digest: where signatures and attestations may live.</summary>
    public IEnumerable<Digest> AllDigests => Platforms.Select(p => p.Digest).Prepend(Digest).Distinct();

    /// <summary>The journal's form, with <paramref name="tags"/> in place of the prerelease tags when given.</summary>
    public JsonObject ToJson(IEnumerable<string>? tags = null) =>
        System.Text.Json.JsonSerializer.SerializeToNode(tags is null ? this : this with { Tags = [.. tags] }, StepOutputContext.Default.PushedImage)!.AsObject();
}
