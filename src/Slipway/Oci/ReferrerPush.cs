namespace Slipway.Oci;

/// <summary>
/// Pushes a manifest that names a <c>subject</c> and keeps the referrers tag schema up to date for registries without
/// the referrers API (distribution-spec "Pushing Manifests with Subject"): when the registry does not answer with
/// <c>OCI-Subject</c>, the index at tag <c>&lt;alg&gt;-&lt;hex&gt;</c> of the subject gains a descriptor of the manifest.
/// </summary>
public static class ReferrerPush
{
    public static async Task<Digest> PushAsync(IRegistry registry, ImageReference repository, byte[] manifest, string mediaType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(manifest);
        var document = ManifestDocument.Parse(manifest, mediaType, "referrer");
        var subject = document.Subject ?? throw OciErrors.InvalidManifest("referrer", "it names no subject");
        var (digest, subjectAccepted) = await registry.PutManifestReportingSubjectAsync(repository.Untargeted().WithDigest(Digest.Sha256(manifest)), manifest, mediaType, cancellationToken);
        if (!subjectAccepted)
        {
            var entry = new Descriptor(mediaType, digest, manifest.LongLength, ArtifactType: document.ArtifactType ?? document.Config?.MediaType, Annotations: document.Annotations);
            await AddToFallbackAsync(registry, repository.Untargeted(), subject.Digest, entry, cancellationToken);
        }

        return digest;
    }

    /// <summary>
    /// Deletes the referrer <paramref name="referrer"/> of <paramref name="subject"/> and drops it from the fallback index
    /// when there is one (a registry with the referrers API forgets it by itself). False when it was not there.
    /// </summary>
    public static async Task<bool> RemoveAsync(IRegistry registry, ImageReference repository, Digest subject, Digest referrer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(subject);
        var tag = repository.Untargeted().WithTag(subject.TagSafe);
        var current = await registry.TryGetManifestAsync(tag, cancellationToken);
        if (current is { IsIndex: true })
        {
            var entries = current.Parse().Manifests;
            var kept = entries.Where(e => e.Digest != referrer).ToList();
            if (kept.Count == 0)
            {
                // The fallback index belongs to the subject alone, so deleting it by digest touches no other tag.
                await registry.DeleteManifestAsync(repository.Untargeted(), current.Digest, cancellationToken);
            }
            else if (kept.Count < entries.Count)
            {
                await registry.PutManifestAsync(tag, OciJson.Index(kept), MediaTypes.OciIndex, cancellationToken);
            }
        }

        return await registry.DeleteManifestAsync(repository.Untargeted(), referrer, cancellationToken);
    }

    private static async Task AddToFallbackAsync(IRegistry registry, ImageReference repository, Digest subject, Descriptor entry, CancellationToken cancellationToken)
    {
        var tag = repository.WithTag(subject.TagSafe);
        var current = await registry.TryGetManifestAsync(tag, cancellationToken);
        var entries = current is { IsIndex: true } ? current.Parse().Manifests.ToList() : [];
        if (entries.Any(e => e.Digest == entry.Digest))
        {
            return;
        }

        entries.Add(entry);
        await registry.PutManifestAsync(tag, OciJson.Index(entries), MediaTypes.OciIndex, cancellationToken);
    }
}
