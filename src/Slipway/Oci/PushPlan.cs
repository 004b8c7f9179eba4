namespace Slipway.Oci;

/// <summary>
/// Everything one layout entry needs on the registry: blobs (present in the layout at the right size; their content is
/// hashed while it is sent, and nothing is committed unless every blob matches), then manifests, checked here, children
/// first and the top one last.
/// </summary>
public sealed record PushPlan(Descriptor Top, IReadOnlyList<Descriptor> Blobs, IReadOnlyList<ManifestContent> Manifests)
{
    // An index of indexes is as deep as real layouts go; a deeper chain is crafted to exhaust the stack.
    private const int MaxDepth = 8;

    public ManifestContent TopManifest => Manifests[^1];

    /// <summary>Walks the graph below <paramref name="top"/>; a missing blob or a corrupt manifest is an input error.</summary>
    public static Task<PushPlan> CreateAsync(OciLayout layout, Descriptor top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(top);
        cancellationToken.ThrowIfCancellationRequested();
        var blobs = new Dictionary<Digest, Descriptor>();
        var manifests = new List<ManifestContent>();
        var seen = new HashSet<Digest>();
        Visit(layout, top, "index.json", blobs, manifests, seen, 0);
        return Task.FromResult(new PushPlan(top, [.. blobs.Values], manifests));
    }

    private static void Visit(
        OciLayout layout, Descriptor descriptor, string referrer, Dictionary<Digest, Descriptor> blobs, List<ManifestContent> manifests, HashSet<Digest> seen, int depth)
    {
        if (!seen.Add(descriptor.Digest))
        {
            return;
        }

        if (depth > MaxDepth)
        {
            throw OciErrors.LayoutInvalid(layout.Path, $"{descriptor.Digest} is nested more than {MaxDepth} indexes deep");
        }

        CheckPresent(layout, descriptor, referrer);
        if (descriptor.Size > OciLayout.MaxDocumentSize)
        {
            throw OciErrors.LayoutInvalid(layout.Path, $"manifest {descriptor.Digest} is {descriptor.Size} bytes (at most {OciLayout.MaxDocumentSize})");
        }

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
            Visit(layout, child, descriptor.Digest.ToString(), blobs, manifests, seen, depth + 1);
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
