namespace Slipway.Oci;

/// <summary>Copies what a manifest references from one repository to another on the same registry: blobs by mount, children by digest.</summary>
public static class ImageCopy
{
    public static async Task CopyChildrenAsync(IRegistry registry, ImageReference from, ImageReference to, ManifestContent manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(manifest);
        var document = manifest.Parse();
        foreach (var child in document.Manifests)
        {
            var content = await registry.GetManifestAsync(from.WithDigest(child.Digest), cancellationToken);
            await CopyChildrenAsync(registry, from, to, content, cancellationToken);
            await registry.PutManifestAsync(to.WithDigest(child.Digest), content.Bytes, content.MediaType, cancellationToken);
        }

        var blobs = document.Layers.Prepend(document.Config).OfType<Descriptor>().DistinctBy(b => b.Digest);
        await Parallel.ForEachAsync(blobs, cancellationToken, async (blob, ct) =>
        {
            if (await registry.BlobExistsAsync(to, blob.Digest, ct) || await registry.MountBlobAsync(to, blob.Digest, from, ct))
            {
                return;
            }

            // The registry declined the mount: copy the bytes through.
            var bytes = await registry.GetBlobAsync(from, blob, ct);
            await registry.UploadBlobAsync(to, blob.Digest, bytes.LongLength, () => new MemoryStream(bytes, writable: false), ct);
        });
    }
}
