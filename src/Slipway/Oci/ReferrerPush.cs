namespace Slipway.Oci;

/// <summary>
/// Pushes a manifest that names a <c>subject</c> and keeps the referrers tag schema up to date for registries without
/// the referrers API (distribution-spec "Pushing Manifests with Subject"): when the registry does not answer with
/// <c>OCI-Subject</c>, the index at tag <c>&lt;alg&gt;-&lt;hex&gt;</c> of the subject gains a descriptor of the manifest.
/// </summary>
public static class ReferrerPush
{
    public static async Task<Digest> PushAsync(RegistryClient registry, ImageReference repository, byte[] manifest, string mediaType, CancellationToken cancellationToken = default)
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

    private static async Task AddToFallbackAsync(RegistryClient registry, ImageReference repository, Digest subject, Descriptor entry, CancellationToken cancellationToken)
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
