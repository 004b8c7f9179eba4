
namespace Slipway.Oci;

/// <summary>
/// Removes one tag without touching other tags that share its digest. distribution rejects DELETE by tag and deletes
/// every tag of a digest on DELETE by digest; Docker Hub rejects DELETE altogether and has its own API.
/// </summary>
public static class ImageUntag
{
    public static async Task<UntagResult> UntagAsync(RegistryClient registry, ImageReference tagged, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(tagged);
        if (tagged.Tag is null || tagged.Digest is not null)
        {
            throw OciErrors.InvalidPromotion($"untag {tagged}: name a tag (repository:tag), not a digest");
        }

        var digest = await registry.ResolveAsync(tagged, cancellationToken) ?? throw OciErrors.TagNotFound(tagged);
        if (tagged.IsDockerHub)
        {
            var credentials = await registry.Options.Credentials.GetAsync(tagged.Registry, cancellationToken)
                ?? throw OciErrors.UntagFailed(tagged, "Docker Hub deletes tags only for a logged-in user; no credentials for docker.io");
            // No automatic redirects: the login POST carries the password, which must not be re-sent to another host.
            using var http = new HttpClient(
                registry.Options.Handler ?? new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: registry.Options.Handler is null);
            await new DockerHubApi(http, registry.Options.DockerHubApi, registry.Options.Redactor).DeleteTagAsync(tagged, credentials, cancellationToken);
            return new UntagResult(tagged, digest, UntagMethod.DockerHub);
        }

        if (await registry.TryDeleteTagAsync(tagged, cancellationToken))
        {
            return new UntagResult(tagged, digest, UntagMethod.DeleteTag);
        }

        var repository = tagged.Untargeted();
        var others = (await registry.ListTagsAsync(repository, cancellationToken)).Where(t => t != tagged.Tag).ToList();
        var manifests = await Task.WhenAll(others.Select(tag => registry.TryGetManifestAsync(repository.WithTag(tag), cancellationToken)));

        // Deleting by digest removes the manifest itself: only safe when no other tag names it, directly or as a
        // platform manifest of an index (the index would then point at nothing).
        var inUse = manifests.OfType<ManifestContent>()
            .SelectMany(m => m.IsIndex ? m.Parse().Manifests.Select(c => c.Digest).Prepend(m.Digest) : [m.Digest])
            .ToHashSet();
        if (!inUse.Contains(digest))
        {
            await registry.DeleteManifestAsync(repository, digest, cancellationToken);
            return new UntagResult(tagged, digest, UntagMethod.DeleteDigest);
        }

        // Another tag shares the digest (or an index holds it): deleting it would break that tag. Move this tag alone
        // onto a manifest nothing else names, then delete that manifest.
        var empty = await registry.UploadBlobAsync(repository, "{}"u8.ToArray(), cancellationToken);
        var throwaway = OciJson.Manifest(
            new Descriptor(MediaTypes.OciEmpty, empty, 2),
            [new Descriptor(MediaTypes.OciEmpty, empty, 2)],
            annotations: new Dictionary<string, string>
            {
                ["dev.slipway.untag"] = $"{tagged.Tag} {Guid.NewGuid():N}",
            },
            artifactType: "application/vnd.slipway.untag.v1");
        var throwawayDigest = await registry.PutManifestAsync(tagged, throwaway, MediaTypes.OciManifest, cancellationToken);
        await registry.DeleteManifestAsync(repository, throwawayDigest, cancellationToken);
        return new UntagResult(tagged, digest, UntagMethod.Throwaway);
    }
}
