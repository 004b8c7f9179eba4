namespace Slipway.Oci;

/// <summary>
/// Everything one layout entry needs on the registry, checked before the first byte is sent: blobs (present in the
/// layout, right size, right digest), then manifests children first, the top one last.
/// </summary>
public sealed record PushPlan(Descriptor Top, IReadOnlyList<Descriptor> Blobs, IReadOnlyList<ManifestContent> Manifests)
{
    public ManifestContent TopManifest => Manifests[^1];

    /// <summary>Walks and verifies the graph below <paramref name="top"/>; any missing or corrupt blob is an input error.</summary>
    public static async Task<PushPlan> CreateAsync(OciLayout layout, Descriptor top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(top);
        var blobs = new Dictionary<Digest, Descriptor>();
        var manifests = new List<ManifestContent>();
        var seen = new HashSet<Digest>();
        Visit(layout, top, "index.json", blobs, manifests, seen);

        // Layers are hashed once before anything is pushed: "nothing pushed" must hold for a corrupt layout.
        await Parallel.ForEachAsync(blobs.Values, cancellationToken, async (blob, ct) =>
        {
            await using var stream = layout.OpenBlob(blob.Digest);
            var actual = await blob.Digest.ComputeAsync(stream, ct);
            if (actual != blob.Digest)
            {
                throw OciErrors.LayoutBlobCorrupt(layout.Path, blob.Digest, actual.ToString());
            }
        });
        return new PushPlan(top, [.. blobs.Values], manifests);
    }

    private static void Visit(
        OciLayout layout, Descriptor descriptor, string referrer, Dictionary<Digest, Descriptor> blobs, List<ManifestContent> manifests, HashSet<Digest> seen)
    {
        if (!seen.Add(descriptor.Digest))
        {
            return;
        }

        CheckPresent(layout, descriptor, referrer);
        var bytes = layout.ReadBlob(descriptor.Digest);
        var actual = descriptor.Digest.Compute(bytes);
        if (actual != descriptor.Digest)
        {
            throw OciErrors.LayoutBlobCorrupt(layout.Path, descriptor.Digest, actual.ToString());
        }

        var mediaType = MediaTypes.IsKnownManifestType(descriptor.MediaType) ? descriptor.MediaType : null;
        var document = ManifestDocument.Parse(bytes, mediaType, $"{layout.Path}: {descriptor.Digest}");
        foreach (var child in document.Manifests)
        {
            Visit(layout, child, descriptor.Digest.ToString(), blobs, manifests, seen);
        }

        foreach (var blob in document.Layers.Prepend(document.Config).OfType<Descriptor>())
        {
            CheckPresent(layout, blob, descriptor.Digest.ToString());
            blobs.TryAdd(blob.Digest, blob);
        }

        manifests.Add(new ManifestContent(bytes, document.MediaType, descriptor.Digest));
    }

    private static void CheckPresent(OciLayout layout, Descriptor descriptor, string referrer)
    {
        var size = layout.BlobSize(descriptor.Digest) ?? throw OciErrors.LayoutBlobMissing(layout.Path, descriptor.Digest, referrer);
        if (size != descriptor.Size)
        {
            throw OciErrors.LayoutBlobCorrupt(layout.Path, descriptor.Digest, $"{size} bytes where the descriptor says {descriptor.Size}");
        }
    }
}
