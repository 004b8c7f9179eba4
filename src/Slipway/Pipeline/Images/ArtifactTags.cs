using System.Text.Json.Nodes;
using Slipway.Oci;
using Slipway.Pipeline.Outputs;
using Slipway.Signing.Sigstore;

namespace Slipway.Pipeline.Images;

/// <summary>
/// The cosign tags (<c>sha256-HEX.sig</c>, <c>.att</c>) a signing step is about to write, with the manifest each named
/// before, journaled before the write. Rolling back puts each tag back where it was: removed when it did not exist,
/// re-pointed at the earlier manifest when an identical image was signed before (its release keeps its signatures).
/// </summary>
public static class ArtifactTags
{
    /// <summary>
    /// Journals what each tag names now (keeping what an earlier attempt recorded), before the step writes; the step
    /// puts the returned list in its outputs.
    /// </summary>
    public static async Task<IReadOnlyList<ArtifactTag>> RecordAsync(StepContext context, IRegistry registry, IEnumerable<ImageReference> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(tags);
        var progress = await context.OwnProgressAsync<ArtifactTagProgress>(cancellationToken);
        var recorded = (progress?.Artifacts ?? []).ToList();
        foreach (var tag in tags)
        {
            var text = tag.ToString();
            if (!recorded.Any(r => r.Tag == text))
            {
                recorded.Add(new ArtifactTag(text, await registry.ResolveAsync(tag, cancellationToken)));
            }
        }

        await context.SaveProgressAsync(new ArtifactTagProgress { Artifacts = recorded, Referrers = progress?.Referrers ?? [] }, cancellationToken);
        return recorded;
    }

    /// <summary>Puts every tag <paramref name="stepName"/> recorded back as it was; returns what changed, for the run's messages.</summary>
    public static async Task<IReadOnlyList<string>> RestoreAsync(IRegistry registry, JsonObject? outputs, string stepName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var done = new List<string>();
        var progress = outputs is null ? null : StepOutputJson.Read<ArtifactTagProgress>(outputs, stepName);
        var recorded = progress?.Artifacts ?? [];

        // Bundle referrers this run pushed (journaled before each push), newest first; others' referrers are not touched.
        foreach (var referrer in (progress?.Referrers ?? []).Reverse())
        {
            if (await new BundleStore(registry).RemoveAsync(ImageReference.Parse(referrer.Repository), referrer.Subject, referrer.Manifest, cancellationToken))
            {
                done.Add($"removed bundle {referrer.Manifest} of {referrer.Subject}");
            }
        }

        foreach (var (text, previous) in recorded.Reverse())
        {
            var tag = ImageReference.Parse(text);
            var current = await registry.ResolveAsync(tag, cancellationToken);
            if (current is null || current == previous)
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
                var earlier = await registry.GetManifestAsync(tag.WithDigest(previous), cancellationToken);
                await registry.PutManifestAsync(tag, earlier.Bytes, earlier.MediaType, cancellationToken);
                done.Add($"restored {tag.Tag} to {previous}");
            }
        }

        return done;
    }
}
